/** Prometheus rule files, for `monc lint --rules`: every file given is one. */
import type { LoadProblem } from '../../../check-descriptors.ts';
import type { RawDocument } from '../../raw.ts';
import type { InputFormat } from '../format.ts';
import { RuleFile } from './rule-file.ts';

export const ruleFilesFormat: InputFormat = {
  id: 'rule-files',
  family: 'rule-files',
  detect: () => true,
  load(sources, env) {
    const documents: RawDocument[] = [];
    const problems: LoadProblem[] = [];
    for (const source of sources) {
      const file = new RuleFile(source, env.prometheusVersion);
      file.load();
      documents.push(...file.documents);
      problems.push(...file.problems);
    }
    return { documents, problems };
  },
};
