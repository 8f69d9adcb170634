import type { Authorization, BasicAuth, Tls } from '../model/model.ts';
import type { Origin } from '../model/origin.ts';
import type { CheckContext } from './check.ts';
import { modelCheck } from './check.ts';

/**
 * Credentials reach prometheus.yml only as files (and the Kubernetes objects only as Secret
 * keys): nothing secret is written inline, the same rule as routing/inline-secret's.
 */
export const scrapeCredentials = modelCheck({
  id: 'scrape/credentials',
  summary: 'A scrape job or remote-write endpoint has credentials written inline (in a header), none where its auth needs them, or only in a Secret that prometheus.yml cannot read.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    // Secret keys are for the Kubernetes objects; prometheus.yml needs the files.
    const writesPrometheusYml = model.targets.includes('prometheus');
    for (const service of model.services) {
      if (service.scrape) checkAuth(ctx, service.scrape, service.scrape.origin, writesPrometheusYml);
    }
    for (const remote of model.prometheus.remoteWrite) {
      for (const name of Object.keys(remote.headers)) {
        const problem = headerProblem(name);
        if (problem) ctx.report({ at: remote.origin.at('headers', name), message: problem });
      }
      checkAuth(ctx, remote, remote.origin, writesPrometheusYml);
    }
  },
});

/** Header names that carry a credential, by their name with case and separators ignored. */
const CREDENTIAL_HEADER = /(token|secret|password|passwd|pwd|apikey|key|signature|auth|authorization|credentials?)$|^cookie$/;

/** Headers Prometheus 2.42 does not let remote_write set, with its message. */
const REJECTED: Readonly<Record<string, (name: string) => string>> = {
  authorization: () => 'authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter',
  'proxy-authorization': (name) => `${name} is a reserved header. It must not be changed`,
  'x-amz-security-token': (name) => `${name} is a reserved header. It must not be changed`,
};

function headerProblem(name: string): string | undefined {
  if (!CREDENTIAL_HEADER.test(name.toLowerCase().replace(/[^a-z0-9]/g, ''))) return undefined;
  const inline = `header ${name} carries a credential inline, where every clone of the repository can read it`;
  const rejected = REJECTED[name.toLowerCase()];
  if (rejected) return `${inline}, and Prometheus rejects it ("${rejected(name)}"); write authorization with credentialsFile, or basicAuth with passwordFile`;
  return `${inline}; Prometheus reads remote_write headers only inline, so send it as authorization with credentialsFile if the endpoint takes a bearer token, or through a proxy that adds the header`;
}

interface Auth {
  readonly basicAuth: BasicAuth | undefined;
  readonly authorization: Authorization | undefined;
  readonly tls: Tls | undefined;
}

/** For a credential that only the Kubernetes objects can read, while monc also writes prometheus.yml. */
const secretOnly = (what: string, file: string) => `${what} only in a Secret (for the Kubernetes objects), and prometheus.yml needs a file: add ${file}`;

function checkAuth(ctx: CheckContext, auth: Auth, origin: Origin, writesPrometheusYml: boolean): void {
  const { basicAuth, authorization, tls } = auth;
  if (basicAuth) {
    if (basicAuth.passwordFile === undefined && basicAuth.passwordSecret === undefined) {
      ctx.report({ at: origin.keyAt('basicAuth'), message: 'basicAuth has no password; set passwordFile (for prometheus.yml) or passwordSecret (for the Kubernetes objects)' });
    } else if (writesPrometheusYml && basicAuth.passwordFile === undefined) {
      ctx.report({ at: origin.at('basicAuth', 'passwordSecret'), message: secretOnly('the password is', 'passwordFile') });
    }
  }
  if (authorization) {
    if (authorization.type.toLowerCase() === 'basic') {
      ctx.report({ at: origin.at('authorization', 'type'), message: 'authorization type cannot be set to "basic", use "basic_auth" instead' });
    }
    if (authorization.credentialsFile === undefined && authorization.credentialsSecret === undefined) {
      ctx.report({ at: origin.keyAt('authorization'), message: 'authorization has no credentials; set credentialsFile (for prometheus.yml) or credentialsSecret (for the Kubernetes objects)' });
    } else if (writesPrometheusYml && authorization.credentialsFile === undefined) {
      ctx.report({ at: origin.at('authorization', 'credentialsSecret'), message: secretOnly('the credentials are', 'credentialsFile') });
    }
    if (basicAuth) ctx.report({ at: origin.keyAt('authorization'), message: 'at most one of basic_auth, oauth2 & authorization must be configured; keep basicAuth or authorization' });
  }
  if (tls) checkTls(ctx, tls, origin, writesPrometheusYml);
}

function checkTls(ctx: CheckContext, tls: Tls, origin: Origin, writesPrometheusYml: boolean): void {
  if (tls.certFile !== undefined && tls.keyFile === undefined) {
    ctx.report({ at: origin.at('tls', 'certFile'), message: `client cert file "${tls.certFile}" specified without client key file; set keyFile` });
  }
  if (tls.keyFile !== undefined && tls.certFile === undefined) {
    ctx.report({ at: origin.at('tls', 'keyFile'), message: `client key file "${tls.keyFile}" specified without client cert file; set certFile` });
  }
  if ((tls.certSecret === undefined) !== (tls.keySecret === undefined)) {
    const [set, missing] = tls.certSecret ? ['certSecret', 'keySecret'] : ['keySecret', 'certSecret'];
    ctx.report({ at: origin.at('tls', set), message: `a client certificate needs its key: ${set} is set, ${missing} is not` });
  }
  if (!writesPrometheusYml) return;
  for (const [secret, file, what] of [
    ['caSecret', 'caFile', 'CA certificate'],
    ['certSecret', 'certFile', 'client certificate'],
    ['keySecret', 'keyFile', 'client key'],
  ] as const) {
    if (tls[secret] !== undefined && tls[file] === undefined) ctx.report({ at: origin.at('tls', secret), message: secretOnly(`the ${what} is`, file) });
  }
}
