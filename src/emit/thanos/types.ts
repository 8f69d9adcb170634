/** The Thanos ruler's rule file: Prometheus' rule groups, each with its partial response strategy. */
import { ruleFileKeyOrder, type RuleGroupDto } from '../prometheus/types.ts';

export interface ThanosRuleFileDto {
  readonly groups: readonly ThanosRuleGroupDto[];
}

export interface ThanosRuleGroupDto extends RuleGroupDto {
  /** What the group's queries do when a store API answers only in part: fail (abort) or go on (warn). */
  readonly partial_response_strategy: 'warn' | 'abort';
}

export const THANOS_RULE_FILE_KEY_ORDER = ruleFileKeyOrder(['query_offset', 'partial_response_strategy']);
