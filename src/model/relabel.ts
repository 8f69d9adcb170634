/**
 * Prometheus' relabelling, as far as monc needs it: the defaults a rule takes, and which label
 * names a job's series carry after discovery, relabel_configs and metric_relabel_configs.
 * Only names: values are not modelled.
 */
import type { LabelSet } from '../promql/labels.ts';
import { anchoredRegex } from '../promql/regex.ts';
import { TARGET_LABELS } from './conventions.ts';
import type { Relabel, Scrape } from './model.ts';

/** What Prometheus uses for a field a rule leaves out. */
export const RELABEL_DEFAULTS = { action: 'replace', separator: ';', regex: '(.*)', replacement: '$1' } as const;

/** Actions that write `targetLabel`. */
const WRITES_TARGET = new Set<Relabel['action']>(['replace', 'hashmod', 'lowercase', 'uppercase']);

/**
 * The label names after `rules`: a label a rule may write is added, one it surely removes is
 * gone. 'unknown' once a rule writes names monc cannot enumerate (a labelmap whose replacement
 * refers to the regex's groups). `__`-prefixed names other than `__name__` are not tracked:
 * Prometheus drops them from targets, and `__name__` always stays (scrape/relabel reports a
 * rule that would remove it).
 */
export function relabelledNames(labels: LabelSet, rules: readonly Relabel[]): LabelSet {
  let names = labels;
  for (const rule of rules) {
    if (names === 'unknown') break;
    names = applyRule(names, rule);
  }
  return names;
}

function applyRule(names: ReadonlySet<string>, rule: Relabel): LabelSet {
  if (rule.action === 'labelmap' && writtenName(rule) === undefined) return 'unknown';
  if (rule.action === 'labeldrop' || rule.action === 'labelkeep') {
    // A regex that does not compile is scrape/relabel's finding; Prometheus would not load the rule.
    const regex = anchoredRegex(rule.regex ?? RELABEL_DEFAULTS.regex);
    if (!regex) return names;
    const keep = rule.action === 'labelkeep';
    return new Set([...names].filter((name) => name === '__name__' || regex.matches(name) === keep));
  }
  const written = writtenName(rule);
  return written === undefined ? names : withName(names, written);
}

function withName(names: ReadonlySet<string>, name: string): ReadonlySet<string> {
  return name.startsWith('__') ? names : new Set([...names, name]);
}

/**
 * The labels a job's targets give every series they expose: job and instance, the labels of
 * its target files, and what relabel_configs write or remove. 'unknown' when the target files'
 * labels are not declared. Kubernetes and DNS discovery only add `__meta_*` labels, which are
 * gone after relabelling.
 */
export function targetLabels(scrape: Scrape): LabelSet {
  if (scrape.fileSd && scrape.fileSd.labels === undefined) return 'unknown';
  const discovered = new Set(['job', ...(scrape.fileSd?.labels ?? []).filter((name) => !name.startsWith('__'))]);
  const relabelled = relabelledNames(discovered, scrape.relabel);
  // Prometheus sets instance to the address when relabelling left it unset.
  return relabelled === 'unknown' ? relabelled : new Set([...relabelled, 'instance']);
}

/** What a scrape job does to the labels of a series its targets expose. */
export interface ScrapedLabels {
  readonly labels: LabelSet;
  /** Exposed labels whose values the job may overwrite (a target label of that name, a metric relabel rule): their declared domain no longer holds. */
  readonly rewritten: ReadonlySet<string>;
}

/**
 * A series' labels once `scrape` scraped it: the exposed ones, the target labels, an
 * `exported_<name>` for each exposed label a target label overrides (unless honor_labels), then
 * metric_relabel_configs. Without a scrape job, the target labels are job and instance.
 */
export function scrapedLabels(exposed: ReadonlySet<string>, scrape: Scrape | undefined): ScrapedLabels {
  if (!scrape) return { labels: new Set([...exposed, ...TARGET_LABELS]), rewritten: new Set() };
  const target = targetLabels(scrape);
  // Labels monc cannot name may override any exposed one.
  if (target === 'unknown') return { labels: target, rewritten: exposed };
  const overridden = scrape.honorLabels ? [] : [...exposed].filter((name) => target.has(name));
  const labels = relabelledNames(new Set([...exposed, ...target, ...overridden.map((name) => `exported_${name}`)]), scrape.metricRelabel);
  if (labels === 'unknown') return { labels, rewritten: exposed };
  const written = scrape.metricRelabel.flatMap((rule) => {
    const name = writtenName(rule);
    return name === undefined ? [] : [name];
  });
  return { labels, rewritten: new Set([...overridden, ...written.filter((name) => exposed.has(name))]) };
}

/** The one label a rule writes, if it writes one monc can name. */
function writtenName(rule: Relabel): string | undefined {
  if (WRITES_TARGET.has(rule.action)) return rule.targetLabel;
  const replacement = rule.replacement ?? RELABEL_DEFAULTS.replacement;
  return rule.action === 'labelmap' && !replacement.includes('$') ? replacement : undefined;
}
