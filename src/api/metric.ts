import type { MetricSpec } from './types.gen.ts';
import { promqlString } from './promql-string.ts';
import { register } from './registry.ts';

/** A label matcher value: a string for =, a RegExp for =~, or a negation. */
export type Matcher = string | RegExp | { readonly not: string | RegExp };

type LabelNames<S extends MetricSpec> = S['labels'] extends Record<string, unknown> ? keyof S['labels'] & string : never;

/** Prometheus adds `job` and `instance` to every scraped series. */
type TargetLabels = 'job' | 'instance';

export type Matchers<S extends MetricSpec, Extra extends string = never> = {
  readonly [K in LabelNames<S> | TargetLabels | Extra]?: Matcher;
};

/** A PromQL selector; renders itself when used in a template literal. */
export class Selector {
  constructor(
    readonly metric: string,
    readonly matchers: readonly string[],
  ) {}

  /** `metric{…}[range]`, a range vector selector. */
  over(range: string): string {
    return `${this.toString()}[${range}]`;
  }

  toString(): string {
    return this.matchers.length === 0 ? this.metric : `${this.metric}{${this.matchers.join(', ')}}`;
  }
}

/** A declared metric; its label names are part of its type, so a typo in `where` fails to compile. */
export type MetricHandle<S extends MetricSpec> = Readonly<S> & {
  /** Selects series of this metric by label. */
  where(matchers: Matchers<S>): Selector;
  /** The `_bucket` series of a histogram, which also has the `le` label. */
  series(suffix: 'bucket', matchers?: Matchers<S, 'le'>): Selector;
  /** The `_sum` or `_count` series of a histogram or summary. */
  series(suffix: 'sum' | 'count', matchers?: Matchers<S>): Selector;
  /** The plain metric name. */
  toString(): string;
};

export function defineMetric<S extends MetricSpec>(spec: S): MetricHandle<S> {
  const handle = Object.assign(Object.create(handleMethods) as object, spec) as MetricHandle<S>;
  return register('metric', handle, defineMetric);
}

const handleMethods = {
  where(this: MetricSpec, matchers: Readonly<Record<string, Matcher>>): Selector {
    return new Selector(this.name, renderMatchers(matchers));
  },
  series(this: MetricSpec, suffix: string, matchers: Readonly<Record<string, Matcher>> = {}): Selector {
    return new Selector(`${this.name}_${suffix}`, renderMatchers(matchers));
  },
  toString(this: MetricSpec): string {
    return this.name;
  },
};

function renderMatchers(matchers: Readonly<Record<string, Matcher>>): string[] {
  return Object.entries(matchers).map(([label, matcher]) => {
    if (typeof matcher === 'string') return `${label}=${promqlString(matcher)}`;
    if (matcher instanceof RegExp) return `${label}=~${promqlString(matcher.source)}`;
    const negated = matcher.not;
    return typeof negated === 'string' ? `${label}!=${promqlString(negated)}` : `${label}!~${promqlString(negated.source)}`;
  });
}
