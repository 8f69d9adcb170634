/**
 * The expansion stage: everything derived from the model, each part computed once per compile
 * and only when a check or target reads it. Checks and emitters read this; no check, model or
 * emitter module calls a generator itself.
 */
import { estimateCardinality, type CardinalityReport } from '../cardinality/estimate.ts';
import { generatedDashboards } from '../dashboards/generated.ts';
import type { Catalog } from '../model/catalog.ts';
import type { Alert, Dashboard, InhibitRule, Model, RecordingRule } from '../model/model.ts';
import { ParsedExpressions, type ParseCache } from '../promql/parsed-expressions.ts';
import { routeAlerts, type RoutedAlert } from '../routing/alerts.ts';
import { ruleGroupsOf, type ServiceRules } from '../rules/rule-groups.ts';
import { packRuleObjects, type RuleObjects } from '../rules/rule-objects.ts';
import { generateSloInhibitRules } from '../slo/inhibit.ts';
import { generateSloRules, type SloRuleGroup } from '../slo/rules.ts';
import type { SliContext } from '../slo/sli/kind.ts';
import { generateSloTests, type SloTestPlan } from '../slo/tests.ts';
import { buildCatalog } from './catalog.ts';

export interface Expanded {
  /** Every PromQL text of the compile, parsed once. */
  readonly expressions: ParsedExpressions;
  /** The SLO rule groups, by service name. */
  readonly sloRules: ReadonlyMap<string, readonly SloRuleGroup[]>;
  /** The recording rules the SLOs generate. */
  readonly generatedRecordingRules: readonly RecordingRule[];
  /** Declared series, recorded series (written and generated), and Prometheus' own. */
  readonly catalog: Catalog;
  /** Every alert monc writes (written, then the SLOs'), with its labels and routes. */
  readonly alerts: readonly RoutedAlert[];
  /** Every rule monc writes: the written recording rules, the SLOs', then every alert. */
  readonly rules: readonly (RecordingRule | Alert)[];
  /** The SLOs' (a page mutes the tickets of the same SLO), then the user's. */
  readonly inhibitRules: readonly InhibitRule[];
  /** The written dashboards, then the generated ones. */
  readonly dashboards: readonly Dashboard[];
  /** Target-neutral rule groups of every service with rules or SLOs. */
  readonly ruleGroups: readonly ServiceRules[];
  /** The rule groups as PrometheusRule objects (config kubernetes.ruleObjects), each under the operator's size limit. */
  readonly ruleObjects: RuleObjects;
  readonly cardinality: CardinalityReport;
  /** Per SLO, its generated promtool tests or why it has none. */
  readonly sloTests: readonly SloTestPlan[];
  /** What the SLI kinds read: parsed expressions, the catalog and the declared metrics. */
  readonly sliContext: SliContext;
}

/** `parseCache`: parsed expressions a long-running caller keeps across compiles. */
export function expand(model: Model, parseCache?: ParseCache): Expanded {
  return new Expansion(model, parseCache);
}

class Expansion implements Expanded {
  readonly expressions: ParsedExpressions;
  readonly #parts = new Map<string, unknown>();

  constructor(
    private readonly model: Model,
    parseCache: ParseCache | undefined,
  ) {
    this.expressions = new ParsedExpressions(model.prometheus.version, parseCache);
  }

  /** A part computed on first read, then kept. */
  #once<T>(name: string, compute: () => T): T {
    if (!this.#parts.has(name)) this.#parts.set(name, compute());
    return this.#parts.get(name) as T;
  }

  get sloRules() {
    return this.#once('sloRules', () => generateSloRules(this.model));
  }

  get generatedRecordingRules() {
    return this.#once('generatedRecordingRules', () => [...this.sloRules.values()].flatMap((groups) => groups.flatMap((g) => g.recordingRules)));
  }

  get catalog() {
    return this.#once('catalog', () => buildCatalog(this.model, this.generatedRecordingRules, this.expressions));
  }

  get alerts() {
    return this.#once('alerts', () => {
      const sloAlerts = [...this.sloRules.values()].flatMap((groups) => groups.flatMap((g) => g.alerts));
      return routeAlerts(this.model, [...this.model.alerts, ...sloAlerts], this.catalog, this.expressions);
    });
  }

  get rules() {
    return this.#once('rules', () => [...this.model.recordingRules, ...this.generatedRecordingRules, ...this.alerts.map((routed) => routed.alert)]);
  }

  get inhibitRules() {
    return this.#once('inhibitRules', () => [...generateSloInhibitRules(this.model), ...(this.model.routing?.inhibitRules ?? [])]);
  }

  get dashboards() {
    return this.#once('dashboards', () => [...this.model.dashboards, ...generatedDashboards(this.model)]);
  }

  get ruleGroups() {
    return this.#once('ruleGroups', () => ruleGroupsOf(this.model, this.sloRules));
  }

  get ruleObjects() {
    return this.#once('ruleObjects', () => packRuleObjects(this.ruleGroups, this.model.kubernetes.ruleObjects));
  }

  get cardinality() {
    return this.#once('cardinality', () => estimateCardinality(this.model, this.catalog, this.expressions));
  }

  get sloTests() {
    return this.#once('sloTests', () => generateSloTests(this.model, this.sliContext));
  }

  get sliContext(): SliContext {
    return this.#once('sliContext', () => ({ ast: (text: string) => this.expressions.ast(text), catalog: this.catalog, metrics: this.model.metricsByName, prometheus: this.model.prometheus }));
  }
}
