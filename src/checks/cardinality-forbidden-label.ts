import { modelCheck } from './check.ts';

/** Label names that mean one value per request, user or moment: unbounded by nature. */
const FORBIDDEN: readonly { readonly pattern: RegExp; readonly what: string }[] = [
  { pattern: /(^|_)(uu|gu)?id$/i, what: 'an id' },
  { pattern: /e_?mail/i, what: 'an email address' },
  { pattern: /(^|_)(timestamp|ts|time|date|datetime)$/i, what: 'a timestamp' },
  { pattern: /(^|_)(trace|span|session|request|correlation|transaction)(_?id)?$/i, what: 'a per-request identifier' },
  { pattern: /(^|_)(path|raw_path|url|uri|query|query_string)$/i, what: 'a raw path or URL' },
];

export const cardinalityForbiddenLabel = modelCheck({
  id: 'cardinality/forbidden-label',
  summary: 'A label name suggests unbounded values: ids, uuids, emails, timestamps, request/trace/session ids, raw paths.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const metric of model.metrics.filter((m) => m.exporter === undefined)) {
      for (const label of metric.labels) {
        const match = FORBIDDEN.find((f) => f.pattern.test(label.name));
        if (!match) continue;
        ctx.report({
          at: metric.origin.keyAt('labels', label.name),
          message: `label "${label.name}" of ${metric.name} looks like ${match.what}, which makes one series per value; keep it in logs or traces, or use a bounded label (e.g. a route template instead of a path)`,
        });
      }
    }
  },
});
