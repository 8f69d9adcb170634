import { modelCheck } from './check.ts';
import { reportTypeProblems } from './expressions.ts';

/** Reports the type checker's regex problems (see promql/typecheck.ts). */
export const promqlRegex = modelCheck({
  id: 'promql/regex',
  summary: 'A regular expression in a label matcher is not valid RE2, the syntax Prometheus uses.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run: reportTypeProblems('regex'),
});
