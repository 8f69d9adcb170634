/** scrape/credentials: scrape jobs and remote-write endpoints get credentials from files (or Secret keys), never inline, and have them where their auth needs them. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { CONFIG, CREDENTIAL_CASES, credentialFiles, remoteWrite, S, scrapeService } from './fixture.ts';

const ID = 'scrape/credentials';

describe(ID, () => {
  it.each(CREDENTIAL_CASES)('$name', async (c) => {
    const files = credentialFiles(c);
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.findings.map(([file, fragment]) => at(ID, file, files[file] ?? '', fragment)));
  });

  it.each([
    { header: 'Authorization', message: 'header Authorization carries a credential inline, where every clone of the repository can read it, and Prometheus rejects it ("authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter"); write authorization with credentialsFile, or basicAuth with passwordFile' },
    { header: 'Proxy-Authorization', message: 'header Proxy-Authorization carries a credential inline, where every clone of the repository can read it, and Prometheus rejects it ("Proxy-Authorization is a reserved header. It must not be changed"); write authorization with credentialsFile, or basicAuth with passwordFile' },
    { header: 'X-Auth-Token', message: 'header X-Auth-Token carries a credential inline, where every clone of the repository can read it; Prometheus reads remote_write headers only inline, so send it as authorization with credentialsFile if the endpoint takes a bearer token, or through a proxy that adds the header' },
  ])('says why a $header header is a problem and what to write instead', async ({ header, message }) => {
    const diagnostics = await lint({ [S]: scrapeService(''), [CONFIG]: remoteWrite(`      headers: { ${header}: s3cret }\n`) });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([message]);
  });

  it('says where a credential only in a Secret is missing', async () => {
    const diagnostics = await lint({ [S]: scrapeService('  authorization: { credentialsSecret: { name: app, key: token } }\n') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'the credentials are only in a Secret (for the Kubernetes objects), and prometheus.yml needs a file: add credentialsFile',
    ]);
  });
});
