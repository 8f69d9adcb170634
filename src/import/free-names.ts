/**
 * Names for what `monc import` and `monc catalog` write: readable names made from files,
 * groups and titles, and file names in a definitions folder that nothing written yet takes
 * (they never overwrite a file). A name is taken by a definitions file of any format
 * (`checkout.yaml` takes `checkout` for a TS file too): one name, one file.
 */
import { DEFINITION_FILE } from '../io/sources.ts';

/** The formats the definitions are written in. */
export type DefinitionFormat = 'yaml' | 'ts';

export class FreeFileNames {
  /** The folder's file names, lowercase, without their definitions extension, and those handed out. */
  readonly #stems: Set<string>;
  readonly #extension: string;

  /** `taken`: the names of the files in the folder. */
  constructor(taken: Iterable<string>, format: DefinitionFormat | undefined) {
    this.#stems = new Set([...taken].map((file) => file.toLowerCase().replace(DEFINITION_FILE, '')));
    this.#extension = format === 'ts' ? '.ts' : '.yaml';
  }

  /** Whether a file of this stem exists or was handed out. */
  has(stem: string): boolean {
    return this.#stems.has(stem);
  }

  /** The first of stem, stem-2, … whose file is free; it is taken from then on. */
  file(stem: string): string {
    for (let n = 1; ; n++) {
      const name = n === 1 ? stem : numbered(stem, n);
      if (this.#stems.has(name)) continue;
      this.#stems.add(name);
      return `${name}${this.#extension}`;
    }
  }
}

/** `-2`, `-3`, … after a name, within the 63 characters of a service name. */
export function numbered(name: string, n: number): string {
  const suffix = `-${n}`;
  return `${name.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
}

/**
 * A service name or dashboard id from a file, group or title: lowercase words joined by "-"
 * (kubeStateMetrics.rules → kube-state-metrics), `fallback` first when they do not start with a letter.
 */
export function readableName(text: string, fallback = 'rules'): string {
  const stem = text.replace(/\.(ya?ml|json)$/i, '').replace(/([.-](spec|rules|prometheusrule))+$/i, '');
  const words = stem
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const name = /^[a-z]/.test(words) ? words : `${fallback}${words ? `-${words}` : ''}`;
  return name.slice(0, 63).replace(/-+$/, '');
}
