/**
 * A check is one rule with a stable id (`group/name`), a default severity and a docs page at
 * docs/checks/<group>/<name>.md. Model checks have `run`; load checks are reported by the
 * loaders, which cannot build a model from what they reject.
 */
import type { Finding, RelatedSpan, Severity, Span } from '../diagnostic.ts';
import type { Model, PromqlText } from '../model/model.ts';

export interface CheckMeta {
  readonly id: string;
  readonly summary: string;
  readonly defaultSeverity: Severity;
}

export interface Report {
  readonly at: Span;
  readonly message: string;
  readonly related?: readonly RelatedSpan[];
}

export interface CheckContext {
  report(report: Report): void;
  /** The source span of `expr.text.slice(from, to)`, inside the user's file. */
  spanInExpr(expr: PromqlText, from: number, to: number): Span;
}

/** What a check can run on: definitions (with their metric catalog), or plain Prometheus rule files. */
export type CheckInput = 'definitions' | 'rule-files';

export interface ModelCheck extends CheckMeta {
  readonly inputs: readonly CheckInput[];
  run(model: Model, ctx: CheckContext): void;
}

export type Check = CheckMeta | ModelCheck;

export function isModelCheck(check: Check): check is ModelCheck {
  return 'run' in check;
}

/** A finding for a load check, reported by a loader. */
export function loadFinding(check: CheckMeta, at: Span, message: string, related?: readonly RelatedSpan[]): Finding {
  return related
    ? { check: check.id, severity: check.defaultSeverity, message, at, related }
    : { check: check.id, severity: check.defaultSeverity, message, at };
}
