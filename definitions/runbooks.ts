/**
 * Where the runbooks are published. monc writes every alert's `runbookText` to
 * out/docs/runbooks/<Alert>.md and points its runbook_url at `<runbooks.url>/<Alert>.md`;
 * `runbooks.url` is set in monc.config.yaml. The same base is kept here for what the
 * definitions link themselves: dashboard header links and the promtool test that checks
 * HighAPIErrorRate's annotations. Keep the two equal.
 */
export const RUNBOOKS_URL = 'https://github.com/iob-maiis/monitoring/blob/main/out/docs/runbooks';

/** The published runbook page of an alert (or of an SLO alert such as BackendErrorsFastBurn). */
export function runbookUrl(alert: string): string {
  return `${RUNBOOKS_URL}/${alert}.md`;
}
