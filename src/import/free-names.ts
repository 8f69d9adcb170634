/**
 * File names in a definitions folder that nothing written yet takes: `monc import` and
 * `monc catalog` never overwrite a file. A name is taken by a definitions file of any format
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
