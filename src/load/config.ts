/** monc.config.yaml: parsed and validated like a definition; a bad setting is reported and takes its default. */
import { ConfigSchema } from '../api/schema.ts';
import type { ConfigSpec } from '../api/types.gen.ts';
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../check-descriptors.ts';
import { createOrigin, type Origin } from '../model/origin.ts';
import { salvage } from './schema-validation.ts';
import type { SourceText } from './source-text.ts';
import { firstSyntaxError, readYamlDocument, toJs, yamlLocator } from './yaml.ts';

export interface LoadedConfig {
  readonly spec: ConfigSpec;
  /** Where each setting is written; undefined without a readable config. */
  readonly origin: Origin | undefined;
}

export function loadConfig(source: SourceText | undefined, problems: LoadProblem[]): LoadedConfig {
  if (!source) return { spec: {}, origin: undefined };
  const doc = readYamlDocument(source.text);
  const syntaxError = firstSyntaxError(source.file, doc);
  if (syntaxError) {
    problems.push(syntaxError);
    return { spec: {}, origin: undefined };
  }
  const origin = createOrigin(source.file, yamlLocator(source.file, doc));
  const value = toJs(doc) ?? {};
  if (value instanceof Error) {
    problems.push(loadProblem(LOAD_CHECKS.yaml, { file: source.file, start: 0, end: 0 }, value.message));
    return { spec: {}, origin };
  }
  // A bad setting falls back to its default; the others stay.
  const salvaged = salvage(ConfigSchema, value, origin, 'setting');
  problems.push(...salvaged.problems);
  return { spec: (salvaged.value ?? {}) as ConfigSpec, origin };
}
