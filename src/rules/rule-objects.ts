/**
 * The rule groups packed into PrometheusRule objects, one per service or team, each under the
 * prometheus-operator's size limit: split over several objects, whole groups at a time, when
 * one would be larger. k8s/object-size reports a group that is too large by itself.
 */
import { prometheusRuleName } from '../model/conventions.ts';
import type { Service } from '../model/model.ts';
import { goYaml } from '../serialize/go-yaml.ts';
import type { ServiceRules } from './rule-groups.ts';
import { toRuleGroupDto } from '../emit/prometheus/rule-groups.ts';
import type { RuleGroupDto } from '../emit/prometheus/types.ts';

/**
 * The operator renders a PrometheusRule's spec as a rule file and refuses it when that is over
 * half of a Secret's 1 MiB (MaxConfigMapDataSize; prometheus-operator#6478), which leaves room in
 * the ConfigMaps it packs the rule files into.
 */
export const PROMETHEUS_RULE_MAX_BYTES = 524_288;

/** The rendered spec starts with this line; each group adds its own lines after it. */
const SPEC_HEAD = 'groups:\n';

export interface RuleObject {
  readonly name: string;
  /** The service or team whose groups it holds. */
  readonly owner: string;
  /** The services whose groups it holds, in model order. */
  readonly services: readonly Service[];
  /** The spec's groups, as written. */
  readonly groups: readonly RuleGroupDto[];
  /** Bytes of the spec as the operator renders it. */
  readonly size: number;
}

export interface SizedRuleGroup {
  readonly service: Service;
  readonly group: RuleGroupDto;
  /** Bytes the group adds to a rendered spec. */
  readonly size: number;
}

export interface RuleObjects {
  readonly objects: readonly RuleObject[];
  /** Groups whose spec alone is over the limit: their objects are too. */
  readonly oversizedGroups: readonly SizedRuleGroup[];
}

export function packRuleObjects(ruleGroups: readonly ServiceRules[], by: 'service' | 'team'): RuleObjects {
  const owners = new Map<string, SizedRuleGroup[]>();
  for (const { service, groups } of ruleGroups) {
    const owner = by === 'service' ? service.name : service.team;
    const sized = owners.get(owner) ?? [];
    sized.push(
      ...groups.map((rules) => {
        // The operator drops query_offset itself for a Prometheus before 2.53.
        const group = { ...toRuleGroupDto(rules), ...(service.ruler.queryOffset !== undefined && { query_offset: service.ruler.queryOffset }) };
        return { service, group, size: renderedGroupSize(group) };
      }),
    );
    owners.set(owner, sized);
  }
  const objects = [...owners].flatMap(([owner, groups]) => {
    const parts = split(groups);
    return parts.map((part, i): RuleObject => ({
      name: prometheusRuleName(owner, parts.length === 1 ? undefined : i + 1),
      owner,
      services: [...new Set(part.map((g) => g.service))],
      groups: part.map((g) => g.group),
      size: part.reduce((total, g) => total + g.size, SPEC_HEAD.length),
    }));
  });
  const oversizedGroups = [...owners.values()].flat().filter((g) => SPEC_HEAD.length + g.size > PROMETHEUS_RULE_MAX_BYTES);
  return { objects, oversizedGroups };
}

/** Consecutive groups, a new object whenever the next group would take the spec over the limit. */
function split(groups: readonly SizedRuleGroup[]): SizedRuleGroup[][] {
  const parts: SizedRuleGroup[][] = [];
  let size = 0;
  for (const group of groups) {
    const current = parts[parts.length - 1];
    if (current === undefined || size + group.size > PROMETHEUS_RULE_MAX_BYTES) {
      parts.push([group]);
      size = SPEC_HEAD.length + group.size;
    } else {
      current.push(group);
      size += group.size;
    }
  }
  return parts;
}

/** The group's bytes in the spec the operator renders: its Go structs leave empty label and annotation maps out. */
function renderedGroupSize(dto: RuleGroupDto): number {
  const rules = dto.rules.map((rule) => Object.fromEntries(Object.entries(rule).filter(([, v]) => !(typeof v === 'object' && Object.keys(v).length === 0))));
  return Buffer.byteLength(goYaml({ groups: [{ ...dto, rules }] }), 'utf8') - SPEC_HEAD.length;
}
