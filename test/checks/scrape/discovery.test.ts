/** scrape/discovery: a service's scrape job has targets, or a discovery that finds them. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

const ID = 'scrape/discovery';
const F = 'definitions/app.yaml';

/** A service whose scrape block is `scrape` (YAML lines under `scrape:`). */
const service = (scrape: string) => `kind: Service\nname: app\nteam: core\nscrape:\n${scrape}`;

const CASES: readonly { name: string; file: string; findings: number }[] = [
  { name: 'Static targets pass.', file: service("  targets: ['app-1:8080']\n"), findings: 0 },
  { name: 'File discovery alone passes.', file: service('  fileSd: { files: [targets/app.json] }\n'), findings: 0 },
  { name: 'DNS discovery alone passes.', file: service('  dnsSd: { names: [_metrics._tcp.app.example.com] }\n'), findings: 0 },
  { name: 'Kubernetes discovery alone passes.', file: service('  kubernetes: { role: pod, port: metrics }\n'), findings: 0 },
  { name: 'A service without scrape has no job and passes.', file: 'kind: Service\nname: app\nteam: core\n', findings: 0 },
  { name: 'A scrape block with settings but nothing to scrape is reported at the scrape key.', file: service('  interval: 30s\n  metricsPath: /internal/metrics\n'), findings: 1 },
  { name: 'An empty scrape block is reported at the scrape key.', file: service('  {}\n'), findings: 1 },
];

describe(ID, () => {
  it.each(CASES)('$name', async ({ file, findings }) => {
    const diagnostics = await lint({ [F]: file });
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(findings === 0 ? [] : [at(ID, F, file, 'scrape:')]);
  });

  it('names the job and the ways to give it targets', async () => {
    const diagnostics = await lint({ [F]: service('  job: app-metrics\n  interval: 30s\n') });
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([
      'scrape job "app-metrics" has no targets and no discovery, so Prometheus scrapes nothing for it; list targets (host:port), or find them with fileSd, dnsSd or kubernetes',
    ]);
  });
});
