import { compareText } from '../../diagnostic.ts';
import { generatedHeader, mimirNamespace, mimirRuleFilePath } from '../../model/conventions.ts';
import type { Ruler } from '../../model/model.ts';
import type { RuleGroup, ServiceRules } from '../../rules/rule-groups.ts';
import { toYaml } from '../../serialize/yaml.ts';
import type { Artifact, TargetEmitter } from '../artifact.ts';
import { toRuleGroupDto } from '../prometheus/rule-groups.ts';
import { NAMESPACE_FILE_KEY_ORDER, type MimirRuleGroupDto, type NamespaceFileDto } from './types.ts';
import { appendTo } from '../../collections.ts';

/**
 * One mimirtool rule file per ruler namespace (per service, or per team with
 * `mimir.namespaces: team`): the groups the prometheus target writes, each with its interval and
 * its service's ruler settings. `mimirtool rules sync` (or `cortextool rules sync`) loads them.
 */
export const mimirTarget: TargetEmitter = {
  emit(model, expanded) {
    const byNamespace = new Map<string, ServiceRules[]>();
    for (const rules of expanded.ruleGroups) {
      const namespace = mimirNamespace(rules.service, model.mimir.namespaces);
      appendTo(byNamespace, namespace, rules);
    }
    return [...byNamespace]
      .sort(([a], [b]) => compareText(a, b))
      .map(([namespace, services]): Artifact => {
        const dto: NamespaceFileDto = {
          namespace,
          groups: services.flatMap(({ service, groups }) => groups.map((group) => toMimirRuleGroup(group, service.ruler, model.prometheus.evaluationInterval))),
        };
        const sources = [...new Set(services.map(({ service }) => service.origin.file))].sort();
        return { path: mimirRuleFilePath(namespace), content: toYaml(dto, generatedHeader(sources), NAMESPACE_FILE_KEY_ORDER) };
      });
  },
};

/**
 * The ruler's own default interval (-ruler.evaluation-interval, 1m) is not the one monc compiled
 * the rules for (the SLO recording steps, the alert timings in the docs), so every group says its interval.
 */
function toMimirRuleGroup(group: RuleGroup, ruler: Ruler, evaluationInterval: string): MimirRuleGroupDto {
  return {
    ...toRuleGroupDto(group),
    interval: group.interval ?? evaluationInterval,
    ...(ruler.queryOffset !== undefined && { query_offset: ruler.queryOffset }),
    ...(ruler.evaluationDelay !== undefined && { evaluation_delay: ruler.evaluationDelay }),
    ...(ruler.sourceTenants.length > 0 && { source_tenants: ruler.sourceTenants }),
  };
}
