import { modelCheck } from './check.ts';
import { reportTypeProblems } from './expressions.ts';

/** Reports the type checker's type problems (see promql/typecheck.ts). */
export const promqlType = modelCheck({
  id: 'promql/type',
  summary: 'A PromQL expression is ill-typed: wrong argument types or counts, operators on the wrong values, bad vector matching.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run: reportTypeProblems('type'),
});
