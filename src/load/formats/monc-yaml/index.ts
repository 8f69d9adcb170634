/** monc's YAML definitions: each document names its kind; the kind's schema validates it. */
import { LOAD_CHECKS, loadProblem, type LoadProblem } from '../../../check-descriptors.ts';
import { createOrigin } from '../../../model/origin.ts';
import { DEFINITION_KINDS } from '../../kinds.ts';
import { namesIn } from '../../lost.ts';
import type { RawDocument } from '../../raw.ts';
import { salvage } from '../../schema-validation.ts';
import { firstSyntaxError, isRecord, readYamlDocuments, rereadingYamlLocator, toJs } from '../../yaml.ts';
import type { InputFormat, LoadResult } from '../format.ts';
import type { SourceText } from '../../source-text.ts';

export const moncYamlFormat: InputFormat = {
  id: 'monc-yaml',
  family: 'definitions',
  detect: (source) => /\.ya?ml$/.test(source.file),
  load(sources, env) {
    const documents: RawDocument[] = [];
    const problems: LoadProblem[] = [];
    const names = new Set<string>();
    const texts: string[] = [];
    for (const source of sources) {
      const cached = env.cache?.get(source.file);
      const loaded = cached?.format === moncYamlFormat.id && cached.text === source.text ? cached.result : loadFile(source);
      env.cache?.set(source.file, { format: moncYamlFormat.id, text: source.text, result: loaded });
      documents.push(...loaded.documents);
      problems.push(...loaded.problems);
      for (const name of loaded.lost?.names ?? []) names.add(name);
      texts.push(...(loaded.lost?.texts ?? []));
    }
    return { documents, problems, lost: { names, texts } };
  },
};

function loadFile(source: SourceText): LoadResult {
  const documents: RawDocument[] = [];
  const problems: LoadProblem[] = [];
  const names = new Set<string>();
  const texts: string[] = [];
  for (const [index, doc] of readYamlDocuments(source.text).entries()) {
    const syntaxError = firstSyntaxError(source.file, doc);
    if (syntaxError) {
      problems.push(syntaxError);
      texts.push(source.text.slice(doc.range[0], doc.range[2]));
      continue;
    }
    const origin = createOrigin(source.file, rereadingYamlLocator(source, index));
    const value = toJs(doc);
    if (value instanceof Error) {
      problems.push(loadProblem(LOAD_CHECKS.yaml, origin.at(), value.message));
      texts.push(source.text.slice(doc.range[0], doc.range[2]));
      continue;
    }
    if (value === null || value === undefined) continue; // an empty document, e.g. after a final ---
    const kindName = isRecord(value) ? value['kind'] : undefined;
    const kind = DEFINITION_KINDS.find((k) => k.yamlKind === kindName);
    if (kind && isRecord(value)) {
      const { kind: _kind, ...body } = value;
      const salvaged = salvage(kind.yamlSchema, body, origin, 'definition');
      problems.push(...salvaged.problems);
      for (const rejected of salvaged.rejected) namesIn(rejected, names);
      if (isRecord(salvaged.value)) documents.push(...kind.fromYaml(salvaged.value, salvaged.origin));
      continue;
    }
    namesIn(value, names);
    const message = isRecord(value)
      ? `kind must be one of ${DEFINITION_KINDS.map((k) => JSON.stringify(k.yamlKind)).join(', ')}${kindName === undefined ? '; add e.g. "kind: Service"' : ''}`
      : 'a definitions document must be a mapping with a kind';
    problems.push(loadProblem(LOAD_CHECKS.schema, kindName === undefined ? origin.at() : origin.at('kind'), message));
  }
  return { documents, problems, lost: { names, texts } };
}
