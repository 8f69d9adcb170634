/** Every SLI kind, in one list: the model, the rules, the checks and the generated tests dispatch on it. */
import { availabilitySli } from './availability.ts';
import type { SliKind, SliKindName } from './kind.ts';
import { latencySli } from './latency.ts';
import { ratioSli } from './ratio.ts';
import { timesliceSli } from './timeslice.ts';

export const SLI_KINDS = [ratioSli, latencySli, availabilitySli, timesliceSli] as const;

/** The model of an SLI: one of the kinds'. */
export type Sli = (typeof SLI_KINDS)[number] extends infer K ? (K extends SliKind<infer S> ? S : never) : never;

/** The module of an SLI's kind. */
export function sliKindOf(sli: Sli): SliKind<Sli> {
  return kindNamed(sli.kind) as unknown as SliKind<Sli>;
}

export function kindNamed(name: SliKindName): (typeof SLI_KINDS)[number] {
  const kind = SLI_KINDS.find((k) => k.kind === name);
  // The schema admits only these kinds; reaching this is a bug, never a silent default.
  if (!kind) throw new Error(`monc has no SLI kind "${name}"`);
  return kind;
}
