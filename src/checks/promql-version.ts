import { modelCheck } from './check.ts';
import { reportTypeProblems } from './expressions.ts';

/** Reports the type checker's version problems (see promql/typecheck.ts). */
export const promqlVersion = modelCheck({
  id: 'promql/version',
  summary: 'An expression uses PromQL that the target Prometheus version does not have.',
  defaultSeverity: 'error',
  inputs: ['definitions', 'rule-files'],
  run: reportTypeProblems('version'),
});
