/**
 * The generated alertmanager.yml against the configuration a live Alertmanager runs: its
 * receivers and time intervals by name, its routes by their place in the tree, its inhibit
 * rules by what they match (they have no names). Both sides are plain YAML data; the running
 * side may use the older spellings (`match`, `match_re`, top-level `mute_time_intervals`), which
 * are read as the matchers and time intervals they mean.
 */
import type { AlertmanagerConfigDto, RouteDto } from '../emit/alertmanager/types.ts';
import { parseDuration } from '../promql/ast.ts';

export type Drift<T> =
  | { readonly kind: 'missing'; readonly generated: T }
  | { readonly kind: 'changed'; readonly generated: T; readonly differences: readonly string[] }
  /** `parent`: for a route, the path of the generated route whose child it is. */
  | { readonly kind: 'extra'; readonly name: string; readonly parent?: T };

export interface AlertmanagerDrift {
  /** By index into the generated receivers. */
  readonly receivers: readonly Drift<number>[];
  readonly timeIntervals: readonly Drift<number>[];
  readonly inhibitRules: readonly Drift<number>[];
  /** By path: [] is the root route, [1, 0] its second child's first child; an extra route's name is its path. */
  readonly routes: readonly Drift<readonly number[]>[];
}

type Data = Record<string, unknown>;

export function alertmanagerDrift(generated: AlertmanagerConfigDto, running: unknown): AlertmanagerDrift {
  const config = isObject(running) ? running : {};
  return {
    receivers: byName(generated.receivers, list(config['receivers'])),
    timeIntervals: byName(generated.time_intervals ?? [], [...list(config['time_intervals']), ...list(config['mute_time_intervals'])]),
    inhibitRules: inhibitDrift(generated.inhibit_rules ?? [], list(config['inhibit_rules'])),
    routes: routeDrift(generated.route, isObject(config['route']) ? config['route'] : undefined, []),
  };
}

/** A route path as people read it: route, route.routes[1], route.routes[1].routes[0]. */
export const routePath = (path: readonly number[]) => ['route', ...path.map((i) => `routes[${i}]`)].join('.');

function byName(generated: readonly { readonly name: string }[], running: readonly Data[]): Drift<number>[] {
  const drift: Drift<number>[] = [];
  const runningByName = new Map(running.map((r) => [String(r['name']), r]));
  generated.forEach((item, i) => {
    const there = runningByName.get(item.name);
    if (there === undefined) drift.push({ kind: 'missing', generated: i });
    else {
      const differences = fieldDifferences(item as unknown as Data, there);
      if (differences.length > 0) drift.push({ kind: 'changed', generated: i, differences });
    }
  });
  const names = new Set(generated.map((g) => g.name));
  for (const name of runningByName.keys()) if (!names.has(name)) drift.push({ kind: 'extra', name: JSON.stringify(name) });
  return drift;
}

function inhibitDrift(generated: readonly object[], running: readonly Data[]): Drift<number>[] {
  const key = (rule: Data) =>
    canonical({
      source: matchersOf(rule, 'source_'),
      target: matchersOf(rule, 'target_'),
      equal: [...list<string>(rule['equal'])].map(String).sort(),
    });
  const runningKeys = running.map(key);
  const generatedKeys = generated.map((g) => key(g as Data));
  return [
    ...generatedKeys.flatMap((k, i): Drift<number>[] => (runningKeys.includes(k) ? [] : [{ kind: 'missing', generated: i }])),
    ...running.flatMap((rule, i): Drift<number>[] => (generatedKeys.includes(runningKeys[i] ?? '') ? [] : [{ kind: 'extra', name: `{ source_matchers: [${matchersOf(rule, 'source_').join(', ')}], target_matchers: [${matchersOf(rule, 'target_').join(', ')}] }` }])),
  ];
}

function routeDrift(generated: RouteDto, running: Data | undefined, path: readonly number[]): Drift<readonly number[]>[] {
  if (running === undefined) return [{ kind: 'missing', generated: path }];
  const own = (route: Data) => {
    const { routes: _routes, matchers: _matchers, match: _match, match_re: _matchRe, ...fields } = route;
    return { ...fields, matchers: matchersOf(route, '') };
  };
  const differences = fieldDifferences(own(generated as unknown as Data), own(running));
  const children = generated.routes ?? [];
  const runningChildren = list(running['routes']);
  return [
    ...(differences.length > 0 ? [{ kind: 'changed' as const, generated: path, differences }] : []),
    ...children.flatMap((child, i) => routeDrift(child, runningChildren[i], [...path, i])),
    ...runningChildren.slice(children.length).map((_, i) => ({ kind: 'extra' as const, name: routePath([...path, children.length + i]), parent: path })),
  ];
}

/** A route's or inhibit rule's matchers as `name op "value"`, sorted: `matchers` and the older `match`/`match_re` alike. */
function matchersOf(item: Data, prefix: '' | 'source_' | 'target_'): string[] {
  const written = list<string>(item[`${prefix}matchers`]).map((m) => normalMatcher(String(m)));
  const equal = Object.entries(isObject(item[`${prefix}match`]) ? (item[`${prefix}match`] as Data) : {}).map(([k, v]) => `${k}=${JSON.stringify(String(v))}`);
  const regex = Object.entries(isObject(item[`${prefix}match_re`]) ? (item[`${prefix}match_re`] as Data) : {}).map(([k, v]) => `${k}=~${JSON.stringify(String(v))}`);
  return [...written, ...equal, ...regex].sort();
}

/** `severity = critical`, `severity="critical"` → `severity="critical"`. */
function normalMatcher(text: string): string {
  const found = /^\s*([^\s=!~]+)\s*(=~|!~|!=|=)\s*(.*?)\s*$/.exec(text);
  if (!found) return text.trim();
  const [, name, op, raw = ''] = found;
  const value = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? (JSON.parse(raw) as string) : raw;
  return `${name}${op}${JSON.stringify(value)}`;
}

/**
 * The top-level fields that differ, each as `field: there … , generated …`. Alertmanager
 * reports its configuration with every default filled in, so only what monc writes is
 * compared, nested alike, plus a list monc leaves unset that the running one fills (an added
 * integration); a duration compares by its length (`90m` is `1h30m`).
 */
function fieldDifferences(generated: Data, running: Data): string[] {
  const keys = [...new Set([...Object.keys(generated), ...Object.keys(running).filter((k) => list(running[k]).length > 0)])].sort();
  return keys.flatMap((key) => {
    const [here, there] = [generated[key], running[key]];
    if (covers(here, there)) return [];
    const show = (v: unknown) => (v === undefined ? 'unset' : canonical(v));
    return [`${key} is ${show(shaped(there, here))} there, ${show(here)} generated`];
  });
}

/** The running value cut to the fields the generated one sets, so a message shows no defaults. */
function shaped(running: unknown, generated: unknown): unknown {
  if (Array.isArray(running) && Array.isArray(generated)) return running.map((r, i) => shaped(r, generated[i] ?? generated[0]));
  if (isObject(running) && isObject(generated)) return Object.fromEntries(Object.keys(generated).map((k) => [k, shaped(running[k], generated[k])]));
  return running;
}

/** Whether the running value has everything the generated one sets, with the same values. */
function covers(generated: unknown, running: unknown): boolean {
  if (Array.isArray(generated)) return Array.isArray(running) && generated.length === running.length && generated.every((g, i) => covers(g, running[i]));
  if (isObject(generated)) return isObject(running) && Object.keys(generated).every((k) => covers(generated[k], running[k]));
  if (generated === undefined) return running === undefined || list(running).length === 0;
  if (typeof generated === 'string' && typeof running === 'string') {
    const [a, b] = [parseDuration(generated), parseDuration(running)];
    if (a !== undefined && b !== undefined) return a === b;
  }
  return generated === running;
}

/** JSON with sorted keys, empty lists and unset fields left out: equal data, equal text. */
function canonical(value: unknown): string {
  const tidy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(tidy);
    if (!isObject(v)) return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => v[k] !== undefined && v[k] !== null && !(Array.isArray(v[k]) && (v[k] as unknown[]).length === 0))
        .map((k) => [k, tidy(v[k])]),
    );
  };
  return JSON.stringify(tidy(value)) ?? 'null';
}

function list<T = Data>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function isObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
