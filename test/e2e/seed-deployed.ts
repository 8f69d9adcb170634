/**
 * The seed system as it is deployed, on loopback: a real Prometheus running the generated
 * prometheus.yml and rule files unchanged but for the scrape targets and the Alertmanager
 * address (rewritten to 127.0.0.1), scraping a stand-in exporter per scrape job
 * (./catalog-exporters.ts), and a real Alertmanager running the generated alertmanager.yml and
 * templates unchanged. Time runs as in production (15 s scrapes, 30 s evaluations), which is
 * what `monc lint --prometheus` is run against.
 *
 *   const seed = await startDeployedSeed();
 *   try { await seed.scraped(); ... } finally { await seed.stop(); }
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Artifact } from '../../src/emit/artifact.ts';
import type { Model } from '../../src/model/model.ts';
import { type Alertmanager, startAlertmanager } from '../helpers/alertmanager.ts';
import { compileProject, REPO_ROOT } from '../helpers/compile-project.ts';
import { type Prometheus, startPrometheus } from '../helpers/prometheus.ts';
import { type Exporters, startExporters } from './catalog-exporters.ts';

export interface DeployedSeed {
  readonly model: Model;
  readonly artifacts: readonly Artifact[];
  readonly exporters: Exporters;
  readonly prometheus: Prometheus;
  readonly alertmanager: Alertmanager;
  /** Resolves once every scrape job's target is up, with the series the exporters serve now. */
  scraped(): Promise<void>;
  /** Replaces a rule file (path relative to prometheus.yml, e.g. 'rules/backend.yml') and reloads Prometheus (SIGHUP), resolving once the rules API shows a rule of `expectRule`. */
  replaceRuleFile(file: string, content: string, loaded: (groups: any[]) => boolean): Promise<void>;
  stop(): Promise<void>;
}

/** The generated file at `file` (a path under out/). */
export function artifact(artifacts: readonly Artifact[], file: string): string {
  const found = artifacts.find((a) => a.path === file);
  if (found === undefined) throw new Error(`monc did not generate ${file}`);
  return found.content;
}

/** The generated prometheus.yml with each job's targets at `targetOf(job)` and `alertmanager` as the Alertmanager; nothing else changes. */
export function retarget(yamlText: string, targetOf: (job: string) => string, alertmanager: string): string {
  const doc = parseDocument(yamlText);
  const scrapes = doc.get('scrape_configs');
  if (!isSeq(scrapes)) throw new Error('retarget: no scrape_configs');
  for (const scrape of scrapes.items) {
    if (!isMap(scrape)) continue;
    const job = String(scrape.get('job_name'));
    if (!isSeq(scrape.get('static_configs'))) throw new Error(`retarget: job ${job} has no static_configs`);
    scrape.set('static_configs', doc.createNode([{ targets: [targetOf(job)] }]));
  }
  doc.setIn(['alerting', 'alertmanagers'], doc.createNode([{ static_configs: [{ targets: [alertmanager] }] }]));
  return doc.toString();
}

export async function startDeployedSeed(): Promise<DeployedSeed> {
  const { model, artifacts, diagnostics } = await compileProject(REPO_ROOT);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || model === undefined) throw new Error(`definitions/ does not compile: ${errors.map((d) => d.message).join('; ')}`);
  const serviceOfJob = new Map(model.services.flatMap((s) => (s.scrape ? [[s.scrape.job, s.name] as const] : [])));

  const cleanup: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const close of cleanup.splice(0).reverse()) await close();
  };
  try {
    const exporters = await startExporters(model, [...serviceOfJob.values()]);
    cleanup.push(() => exporters.close());
    const templates = Object.fromEntries(
      artifacts.filter((a) => a.path.startsWith('alertmanager/templates/')).map((a) => [a.path.slice('alertmanager/templates/'.length), a.content]),
    );
    const alertmanager = await startAlertmanager({ config: artifact(artifacts, 'alertmanager/alertmanager.yml'), templates });
    cleanup.push(() => alertmanager.stop());

    const config = retarget(
      artifact(artifacts, 'prometheus/prometheus.yml'),
      (job) => {
        const address = exporters.addresses.get(serviceOfJob.get(job) ?? '');
        if (address === undefined) throw new Error(`no service scrapes as job ${job}`);
        return address;
      },
      new URL(alertmanager.url).host,
    );
    const ruleFiles = Object.fromEntries(artifacts.filter((a) => a.path.startsWith('prometheus/rules/')).map((a) => [a.path.slice('prometheus/'.length), a.content]));
    const prometheus = await startPrometheus({ ruleFiles: {}, config, files: ruleFiles });
    cleanup.push(() => prometheus.stop());

    const jobs = [...serviceOfJob.keys()];
    return {
      model,
      artifacts,
      exporters,
      prometheus,
      alertmanager,
      async scraped() {
        await prometheus.waitFor(async () => {
          const up = await prometheus.query('up == 1');
          return jobs.every((job) => up.some((s) => s.metric['job'] === job)) ? true : undefined;
        }, 60_000);
      },
      async replaceRuleFile(file, content, loaded) {
        writeFileSync(path.join(prometheus.dir, file), content);
        process.kill(prometheus.pid, 'SIGHUP');
        await prometheus.waitFor(async () => (loaded(await prometheus.rules()) ? true : undefined), 30_000);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
