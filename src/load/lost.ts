/**
 * What the definitions meant to declare but could not: the names in rejected parts (a metric
 * with a schema error, a receiver missing a field) and the text of what could not be read at
 * all (a YAML document that does not parse, TS definitions that throw). Checks that would
 * report a name as unknown ask first whether it may be declared there, so one mistake gives
 * one load finding, not a page of catalog and routing findings.
 */
import { SLO_SERIES } from '../model/conventions.ts';
import type { LostDefinitions } from '../model/model.ts';

/** The names a rejected value would have declared: every name, record and id in it. */
export function namesIn(value: unknown, names: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) namesIn(item, names);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'name' || key === 'record' || key === 'id') && typeof item === 'string') names.add(item);
      if (key === 'record') names.add(RECORDING_RULE);
      // An SLO records the slo:* series; a rejected one may be the only one.
      if (key === 'objective') for (const series of Object.values(SLO_SERIES)) names.add(series);
      namesIn(item, names);
    }
  }
  return names;
}

/** Stands for "a recording rule was rejected" among the names. */
const RECORDING_RULE = 'monc:recording-rule';

export function combineLost(parts: readonly { readonly names?: Iterable<string>; readonly texts?: readonly string[] }[]): LostDefinitions {
  const names = new Set<string>();
  const texts: string[] = [];
  let any = false;
  for (const part of parts) {
    for (const name of part.names ?? []) names.add(name);
    texts.push(...(part.texts ?? []));
    any ||= names.size > 0 || texts.length > 0;
  }
  return { names, texts, recordingRules: names.has(RECORDING_RULE), any };
}
