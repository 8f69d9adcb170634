/** The service the slo/* check tests put their SLOs in: a counter, a histogram and a gauge. */
import { at } from '../../helpers/fragments.ts';

export type Files = Readonly<Record<string, string>>;

export const F = 'definitions/app.yaml';

/** The config of most SLO tests: a retention that fits the default 30d window. */
export const CONFIG = 'monc.config.yaml';
export const RETENTION_30D = 'prometheus:\n  retention: 30d\n';

/** A service declaring app_requests_total, app_request_duration_seconds and app_queue_depth; `extra` (more metric items, or an `alerts:` block) goes right before `slos:`. */
export const service = (slos: string, extra = '') => `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels: { code: { pattern: '[1-5][0-9][0-9]', maxValues: 20 }, route: { maxValues: 10 } }
  - name: app_request_duration_seconds
    type: histogram
    help: Latency.
    unit: seconds
    labels: { route: { maxValues: 10 } }
    buckets: [0.1, 0.5, 1]
  - name: app_queue_depth
    type: gauge
    help: Depth.
${extra}slos:
${slos}`;

export interface SloFields {
  readonly name?: string;
  readonly objective?: string;
  /** Left out when empty: the default 30d window. */
  readonly window?: string;
  /** The whole `sli:` mapping, indented; a ratio of 5xx over all requests when empty. */
  readonly sli?: string;
  /** Lines after the sli (groupBy, alerting), indented as fields of the SLO. */
  readonly more?: string;
}

export const RATIO_SLI = '      ratio:\n        errors: app_requests_total{code=~"5.."}\n        total: app_requests_total\n';
export const LATENCY_SLI = (threshold: string) => `      latency: { histogram: app_request_duration_seconds, threshold: ${threshold} }\n`;

/** An SLO item of `slos:` with overridable fields. */
export const slo = ({ name = 'availability', objective = '99.9', window = '', sli = '', more = '' }: SloFields = {}) =>
  `  - name: ${name}
    objective: ${objective}
${window ? `    window: ${window}\n` : ''}    sli:
${sli || RATIO_SLI}${more}`;

/** `alerting.tiers` holding the given tier lines (each `name: value`). */
export const tiers = (...lines: readonly string[]) => `    alerting:\n      tiers:\n${lines.map((l) => `        ${l}\n`).join('')}`;

/** The files of one test: the service file and monc.config.yaml, with no config file when `config` is null. */
export const project = (file: string, config: string | null = RETENTION_30D): Record<string, string> => ({ [F]: file, ...(config === null ? {} : { [CONFIG]: config }) });

/** `check@file:line:column` of the nth occurrence of `needle` in `file` (the service file unless given) of `files`. */
export const atIn = (check: string, files: Files, needle: string, nth = 1, file = F) => at(check, file, files[file] ?? '', needle, nth);
