import type { Relabel, RelabelAction } from '../model/model.ts';
import { RELABEL_DEFAULTS } from '../model/relabel.ts';
import type { PrometheusVersion } from '../promql/functions.ts';
import { anchoredRegex, re2Error } from '../promql/regex.ts';
import type { CheckContext } from './check.ts';
import { modelCheck } from './check.ts';

/** Where a rule runs: on targets (relabel_configs), scraped series (metric_relabel_configs) or series sent (write_relabel_configs). */
type Stage = 'target' | 'scraped' | 'sent';

/**
 * Relabel rules Prometheus refuses to load (model/relabel's validation at 2.42, in its words),
 * and rules that can only keep or drop everything or that break every target or scrape.
 */
export const scrapeRelabel = modelCheck({
  id: 'scrape/relabel',
  summary: 'A relabel rule that Prometheus rejects (a regex that is not RE2, a missing target label or modulus, fields its action does not take) or that cannot do what it is for.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model }, ctx) {
    const version = model.prometheus.version;
    for (const service of model.services) {
      for (const rule of service.scrape?.relabel ?? []) checkRule(ctx, rule, 'target', version);
      for (const rule of service.scrape?.metricRelabel ?? []) checkRule(ctx, rule, 'scraped', version);
    }
    for (const remote of model.prometheus.remoteWrite) for (const rule of remote.writeRelabel) checkRule(ctx, rule, 'sent', version);
  },
});

const NEEDS_TARGET = new Set<RelabelAction>(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);
const NO_REPLACEMENT = new Set<RelabelAction>(['lowercase', 'uppercase', 'keepequal', 'dropequal']);

type Field = 'sourceLabels' | 'separator' | 'regex' | 'modulus' | 'targetLabel' | 'replacement';

/** The fields set to something other than Prometheus' default. */
function setFields(rule: Relabel): Set<Field> {
  const fields = new Set<Field>();
  if (rule.sourceLabels !== undefined) fields.add('sourceLabels');
  if (rule.separator !== undefined && rule.separator !== RELABEL_DEFAULTS.separator) fields.add('separator');
  if (rule.regex !== undefined && rule.regex !== RELABEL_DEFAULTS.regex) fields.add('regex');
  if (rule.modulus !== undefined) fields.add('modulus');
  if (rule.targetLabel !== undefined) fields.add('targetLabel');
  if (rule.replacement !== undefined && rule.replacement !== RELABEL_DEFAULTS.replacement) fields.add('replacement');
  return fields;
}

/** What Prometheus accepts as a labelmap replacement: a label name, possibly built from $1 or ${name}. */
const LABEL_TEMPLATE = anchoredRegex('(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+');

const WHAT: Readonly<Record<Stage, string>> = { target: 'target', scraped: 'scraped series', sent: 'series' };

function checkRule(ctx: CheckContext, rule: Relabel, stage: Stage, version: PrometheusVersion): void {
  const { action, origin } = rule;
  const fields = setFields(rule);
  const regexError = rule.regex === undefined ? undefined : re2Error(rule.regex, version, 'relabel');
  if (regexError !== undefined) ctx.report({ at: origin.at('regex'), message: regexError });

  if (action === 'hashmod' && rule.modulus === undefined) {
    ctx.report({ at: origin.at('action'), message: 'relabel configuration for hashmod requires non-zero modulus; set modulus' });
  }
  if (NEEDS_TARGET.has(action) && rule.targetLabel === undefined) {
    ctx.report({ at: origin.at('action'), message: `relabel configuration for ${action} action requires 'target_label' value; set targetLabel` });
  }
  if (NO_REPLACEMENT.has(action) && fields.has('replacement')) {
    ctx.report({ at: origin.at('replacement'), message: `'replacement' can not be set for ${action} action; remove replacement` });
    fields.delete('replacement');
  }
  if (action === 'labelmap') {
    const replacement = rule.replacement ?? RELABEL_DEFAULTS.replacement;
    if (!LABEL_TEMPLATE?.matches(replacement)) {
      ctx.report({ at: origin.at('replacement'), message: `"${replacement}" is invalid 'replacement' for labelmap action; write a label name, which may use the regex's groups ($1, \${1})` });
    }
  }
  const allowed: readonly Field[] | undefined =
    action === 'keepequal' || action === 'dropequal' ? ['sourceLabels', 'targetLabel'] : action === 'labeldrop' || action === 'labelkeep' ? ['regex'] : undefined;
  if (allowed) {
    const only = action === 'labeldrop' || action === 'labelkeep' ? "only 'regex'" : "only 'source_labels' and `target_label`";
    for (const field of fields) {
      if (allowed.includes(field)) continue;
      ctx.report({ at: origin.at(field), message: `${action} action requires ${only}, and no other fields; remove ${field}` });
    }
  }

  const regex = regexError === undefined ? anchoredRegex(rule.regex ?? RELABEL_DEFAULTS.regex) : undefined;
  if (!regex) return;
  if ((action === 'keep' || action === 'drop') && rule.sourceLabels === undefined) {
    const matchesEmpty = regex.matches('');
    const outcome = (action === 'keep') === matchesEmpty ? `keeps every ${WHAT[stage]}` : `drops every ${WHAT[stage]}`;
    ctx.report({ at: origin.at('action'), message: `${action} without sourceLabels matches its regex against an empty value, so it ${outcome}; name the labels it reads in sourceLabels` });
  }
  if (action === 'labeldrop' || action === 'labelkeep') {
    const removes = (label: string) => regex.matches(label) === (action === 'labeldrop');
    if (stage === 'target' && removes('__address__')) {
      ctx.report({ at: origin.at('regex'), message: `${action} removes __address__, so no target has an address to scrape and Prometheus drops every one ("no address")` });
    }
    if (stage === 'scraped' && removes('__name__')) {
      ctx.report({ at: origin.at('regex'), message: `${action} removes __name__, so every scrape of the job fails ("missing metric name (__name__ label)")` });
    }
  }
}
