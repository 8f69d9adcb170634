/**
 * mimirtool's (and cortextool's) rule file: Prometheus' rule groups under the ruler namespace
 * they are synced to, with the ruler's own group fields (grafana/mimir-prometheus rulefmt).
 */
import { ruleFileKeyOrder, type RuleGroupDto } from '../prometheus/types.ts';

export interface NamespaceFileDto {
  readonly namespace: string;
  readonly groups: readonly MimirRuleGroupDto[];
}

export interface MimirRuleGroupDto extends RuleGroupDto {
  /** Mimir's older name for query_offset (deprecated; query_offset wins when both are set). */
  readonly evaluation_delay?: string;
  /** A federated rule group: its expressions query these tenants. */
  readonly source_tenants?: readonly string[];
}

export const NAMESPACE_FILE_KEY_ORDER = ['namespace', ...ruleFileKeyOrder(['query_offset', 'evaluation_delay', 'source_tenants'])];
