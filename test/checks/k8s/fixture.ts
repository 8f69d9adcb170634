/**
 * The project the k8s/* check tests start from: a service `app` whose scrape and team each case
 * sets, and a config selecting the prometheus-operator target with `kubernetes` settings.
 */
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';

export const S = 'definitions/app.yaml';
export const C = 'monc.config.yaml';
export const R = 'definitions/routing.yaml';

/** A service with one alert; `scrape` (a `scrape:` block) and `extra` (more top-level fields) as given. */
export const service = ({ name = 'app', team = 'core', scrape = '', extra = '' } = {}) => `kind: Service
name: ${name}
team: ${team}
${scrape}metrics:
  - { name: app_requests_total, type: counter, help: Requests. }
alerts:
  - { name: ${name.replace(/[^a-z]/g, '').replace(/^./, (c) => c.toUpperCase())}Down, expr: 'up{job="${name}"} == 0', for: 5m, severity: critical, summary: It is down, runbook: 'https://runbooks.example.com/down' }
${extra}`;

/** A scrape of pods in Kubernetes, with `fields` (indented scrape fields) added. */
export const kubernetesScrape = (fields = '') => `scrape:\n  kubernetes: { role: pod, monitor: pod, port: metrics }\n${fields}`;

/** monc.config.yaml selecting the prometheus-operator target (unless `targets` says otherwise), with `kubernetes` lines indented under it. */
export const config = (kubernetes = '', targets = '[prometheus-operator]') => `targets: ${targets}\nkubernetes:\n  namespace: monitoring\n${kubernetes}`;

export type Files = Readonly<Record<string, string>>;

/** The findings of check `id` in `files`, as check@file:line:column. */
export async function findings(files: Files, id: string): Promise<string[]> {
  return (await lint(files)).filter((d) => d.check === id).map(where);
}

/** The messages of check `id` in `files`. */
export async function messages(files: Files, id: string): Promise<string[]> {
  return (await lint(files)).filter((d) => d.check === id).map((d) => d.message);
}

/** `check@file:line:column` of the nth `needle` in `file` of `files`. */
export const atIn = (check: string, files: Files, file: string, needle: string, nth = 1) => at(check, file, files[file] ?? '', needle, nth);
