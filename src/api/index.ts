/** The authoring API that definitions import: `import { defineService } from 'monc'`. */
export { defineMetric, Selector, type Matcher, type Matchers, type MetricHandle } from './metric.ts';
export { defineAlert, defineRecordingRule, defineService } from './service.ts';
export { defineDashboard } from './dashboard.ts';
export { defineRouting } from './routing.ts';
export type {
  AlertSpec,
  ConfigSpec,
  DashboardSpec,
  DashboardVariableSpec,
  PanelQuerySpec,
  PanelSpec,
  LabelDomainSpec,
  MetricSpec,
  InhibitRuleSpec,
  ReceiverSpec,
  RecordingRuleSpec,
  RouteSpec,
  RoutingSpec,
  TemplateSpec,
  TimeIntervalSpec,
  RuleTestSpec,
  ScrapeSpec,
  ServiceSpec,
  SliSpec,
  SloAlertingSpec,
  SloSpec,
  SloTierSpec,
} from './types.gen.ts';
