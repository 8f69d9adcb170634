/**
 * `monc catalog --from-prometheus`, pure: the metric declarations a live Prometheus shows for
 * metrics the definitions do not declare. The server's metadata (/api/v1/metadata) gives the
 * type, help and unit; its series (/api/v1/series) the labels, their values and a histogram's
 * buckets. A histogram's or summary's _bucket, _sum and _count series are one declaration, as
 * monc declares them. io/observed-catalog.ts fetches; nothing here touches the network.
 */
import type { LabelDomainSpec, MetricSpec } from '../api/types.gen.ts';
import { compareText } from '../diagnostic.ts';
import type { SeriesLabels } from './snapshot.ts';
import { appendTo } from '../collections.ts';

/** At most this many observed values make a value list; more make a maxValues bound. */
export const MAX_LISTED_VALUES = 10;

/** One entry of /api/v1/metadata: what one target's exposition says of a metric family. */
export interface MetricMetadata {
  readonly type: string;
  readonly help: string;
  readonly unit: string;
}

/** A metric to declare, and the series names it is exposed as. */
export interface ObservedFamily {
  readonly name: string;
  readonly type: MetricSpec['type'];
  /** Whether the type is the server's metadata, or a guess from the name where it has none. */
  readonly typeFrom: 'metadata' | 'name';
  readonly help: string | undefined;
  readonly unit: string | undefined;
  /** Sorted: the family's own series names. */
  readonly series: readonly string[];
}

export interface FamilyFilter {
  /** A series name the definitions declare, record or Prometheus writes itself: its family is left out. */
  readonly known: (series: string) => boolean;
  /** --match: the family names kept (fully anchored, as PromQL's =~). */
  readonly match: RegExp | undefined;
}

const CLASSIC_SUFFIXES = ['_bucket', '_sum', '_count'] as const;

/** The metric types of the metadata API as monc declares them; `unknown` and the rest are guessed from the name. */
const DECLARED_TYPE: Readonly<Record<string, MetricSpec['type']>> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  gaugehistogram: 'histogram',
  summary: 'summary',
  info: 'info',
  stateset: 'gauge',
};

/**
 * The families of `names` (the metric names the server has), sorted, without those `filter`
 * leaves out and without recording-rule outputs (a `:` in the name: a rule writes them, and
 * the definitions declare the rule, not the series).
 */
export function observedFamilies(names: readonly string[], metadata: ReadonlyMap<string, readonly MetricMetadata[]>, filter: FamilyFilter): ObservedFamily[] {
  const all = new Set(names);
  const typed = (name: string) => pick(metadata.get(name))?.type;
  // Without metadata (backfilled data, a server that has none) the series names tell the family.
  const untyped = (base: string) => typed(base) === undefined;
  const histograms = new Set(
    names.flatMap((name) => {
      const base = name.replace(/_bucket$/, '');
      if (base === name) return [];
      const known = typed(base) === 'histogram' || (untyped(base) && (all.has(`${base}_count`) || all.has(`${base}_sum`)));
      return known ? [base] : [];
    }),
  );
  const summaries = new Set(
    names.filter((name) => !histograms.has(name) && (typed(name) === 'summary' || (untyped(name) && all.has(`${name}_sum`) && all.has(`${name}_count`)))),
  );
  const members = new Map<string, string[]>();
  for (const name of names) {
    const family = familyOf(name, histograms, summaries);
    appendTo(members, family, name);
  }
  const anchored = filter.match && new RegExp(`^(?:${filter.match.source})$`, filter.match.flags);
  return [...members]
    .filter(([family, series]) => !family.includes(':') && !filter.known(family) && !series.some(filter.known) && (anchored?.test(family) ?? true))
    .sort(([a], [b]) => compareText(a, b))
    .map(([family, series]): ObservedFamily => {
      // An OpenMetrics counter's metadata is under its family name, without _total.
      const meta = pick(metadata.get(family)) ?? pick(metadata.get(family.replace(/_total$/, '')));
      const declared = histograms.has(family) ? 'histogram' : summaries.has(family) ? 'summary' : meta && DECLARED_TYPE[meta.type];
      const type = declared ?? (/_(total|count|sum|bucket)$/.test(family) ? 'counter' : 'gauge');
      return {
        name: family,
        type,
        typeFrom: meta && DECLARED_TYPE[meta.type] ? 'metadata' : 'name',
        help: meta?.help || undefined,
        unit: meta?.unit || undefined,
        series: [...series].sort(compareText),
      };
    });
}

function familyOf(name: string, histograms: ReadonlySet<string>, summaries: ReadonlySet<string>): string {
  for (const suffix of CLASSIC_SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    if (histograms.has(base) || (suffix !== '_bucket' && summaries.has(base))) return base;
  }
  return name;
}

/**
 * One metadata entry of the targets' several, the same whatever order the server lists them
 * in: a known type first, then a help text, then the least in text order.
 */
function pick(entries: readonly MetricMetadata[] | undefined): MetricMetadata | undefined {
  const rank = (entry: MetricMetadata) => (DECLARED_TYPE[entry.type] ? 0 : 2) + (entry.help ? 0 : 1);
  return [...(entries ?? [])].sort((a, b) => rank(a) - rank(b) || compareText(JSON.stringify(a), JSON.stringify(b)))[0];
}

export interface Observation {
  /** The server, as the comments name it. */
  readonly url: string;
  /** When the series were asked for (Unix ms). */
  readonly time: number;
  /** Labels the scrape adds to every series (job, instance, the jobs' relabelings): not the metric's own. */
  readonly targetLabels: ReadonlySet<string>;
}

export interface ObservedMetric {
  readonly spec: MetricSpec;
  /** Comment lines by path below the metric (`''`: above it, `labels.code`: above a label). */
  readonly comments: ReadonlyMap<string, readonly string[]>;
}

/** The declaration of a family from its series (with `__name__`); undefined when it has none. */
export function observedMetric(family: ObservedFamily, series: readonly SeriesLabels[], observation: Observation): ObservedMetric | undefined {
  if (series.length === 0) return undefined;
  const values = new Map<string, Set<string>>();
  const buckets = new Set<number>();
  const jobs = new Set<string>();
  for (const labels of series) {
    for (const [label, value] of Object.entries(labels)) {
      if (label === 'job') jobs.add(value);
      if (label === '__name__' || observation.targetLabels.has(label)) continue;
      if (family.type === 'histogram' && label === 'le') {
        // +Inf is every histogram's last bucket: monc adds it.
        if (labels['__name__'] === `${family.name}_bucket` && Number.isFinite(Number(value))) buckets.add(Number(value));
        continue;
      }
      if (family.type === 'summary' && label === 'quantile') continue;
      values.set(label, (values.get(label) ?? new Set()).add(value));
    }
  }
  const at = new Date(observation.time).toISOString();
  const comments = new Map<string, string[]>();
  const labels = Object.fromEntries(
    [...values].sort(([a], [b]) => compareText(a, b)).map(([label, seen]): [string, LabelDomainSpec] => {
      if (seen.size <= MAX_LISTED_VALUES) return [label, { values: [...seen].sort(compareText) }];
      comments.set(`labels.${label}`, [`${seen.size} values observed: the bound is that count; set the one it really has`]);
      return [label, { maxValues: seen.size }];
    }),
  );
  const jobList = [...jobs].sort(compareText);
  const typeNote = family.typeFrom === 'metadata' ? `type${family.help ? ' and help' : ''} from the server's metadata` : `the server has no metadata for it: a ${family.type} by its name, confirm it`;
  comments.set('', [`observed on ${observation.url} at ${at}: ${series.length} series${jobList.length > 0 ? ` of job ${jobList.join(', ')}` : ''}; ${typeNote}`]);
  return {
    spec: {
      name: family.name,
      type: family.type,
      help: family.help ?? `Observed on ${observation.url} at ${at}, which has no help text for it: write one.`,
      ...(family.unit !== undefined && { unit: family.unit }),
      // Named by whoever exposes it: monc's naming conventions are not for it to follow.
      exporter: jobList[0] ?? new URL(observation.url).host,
      ...(Object.keys(labels).length > 0 && { labels }),
      ...(buckets.size > 0 && { buckets: [...buckets].sort((a, b) => a - b) }),
    },
    comments,
  };
}
