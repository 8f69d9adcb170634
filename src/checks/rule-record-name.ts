import { METRIC_NAME_PATTERN } from '../api/schema.ts';
import { modelCheck } from './check.ts';

const METRIC_NAME = new RegExp(METRIC_NAME_PATTERN);
const LEVEL_METRIC_OPERATIONS = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+(:[a-zA-Z0-9_]+)*$/;

/** Prometheus' naming for recorded series: aggregation level, metric, operations. */
export const ruleRecordName = modelCheck({
  id: 'rule/record-name',
  summary: 'A recording rule name is not in level:metric:operations form.',
  defaultSeverity: 'warning',
  inputs: ['definitions', 'rule-files'],
  run({ model }, ctx) {
    for (const rule of model.recordingRules) {
      // A name that is not even a metric name is rulefmt/record-name's (or the schema's) to report.
      if (LEVEL_METRIC_OPERATIONS.test(rule.record) || !METRIC_NAME.test(rule.record)) continue;
      ctx.report({
        at: rule.origin.at('record'),
        message: `recording rule "${rule.record}" is not named level:metric:operations, e.g. job:http_requests:rate5m`,
      });
    }
  },
});
