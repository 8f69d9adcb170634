import { generatedHeader, thanosRuleFilePath } from '../../model/conventions.ts';
import type { Model, Service } from '../../model/model.ts';
import type { RuleGroup } from '../../rules/rule-groups.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, TargetEmitter } from '../artifact.ts';
import { toRuleGroupDto } from '../prometheus/rule-groups.ts';
import { THANOS_RULE_FILE_KEY_ORDER, type ThanosRuleFileDto, type ThanosRuleGroupDto } from './types.ts';

/**
 * Rule files for the Thanos ruler (`thanos rule --rule-file=out/thanos/rules/*.yml`), one per
 * service with rules: the groups the prometheus target writes, each with its interval and its
 * partial response strategy written out, the defaults too.
 */
export const thanosTarget: TargetEmitter = {
  emit(model, expanded) {
    return expanded.ruleGroups.map(({ service, groups }): Artifact => {
      const dto: ThanosRuleFileDto = { groups: groups.map((group) => toThanosRuleGroup(model, service, group)) };
      return { path: thanosRuleFilePath(service.name), content: toYaml(dto, generatedHeader([service.origin.file]), THANOS_RULE_FILE_KEY_ORDER) };
    });
  },
};

/**
 * Every group says its interval: Thanos' own default (--eval-interval, 1m) is not the one monc
 * compiled the rules for. query_offset: Thanos reads it per group since 0.37; evaluation_delay is
 * Mimir's only, so it stays out.
 */
function toThanosRuleGroup(model: Model, service: Service, group: RuleGroup): ThanosRuleGroupDto {
  return {
    ...toRuleGroupDto(group),
    interval: group.interval ?? model.prometheus.evaluationInterval,
    ...(service.ruler.queryOffset !== undefined && { query_offset: service.ruler.queryOffset }),
    partial_response_strategy: service.ruler.partialResponseStrategy ?? model.thanos.partialResponseStrategy,
  };
}
