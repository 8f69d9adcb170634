/**
 * A model check: one rule with a stable id (`group/name`), a default severity and a docs page
 * at docs/checks/<group>/<name>.md, run over the model and its expansion. Load problems have
 * descriptors of their own (src/check-descriptors.ts) and no check file.
 */
import { describeCheck, type CheckDescriptor, type InputFamily } from '../check-descriptors.ts';
import type { RelatedSpan, Severity, Span } from '../diagnostic.ts';
import type { Expanded } from '../expand/expand.ts';
import type { Model, PromqlText } from '../model/model.ts';
import type { OnlineSnapshot } from '../online/snapshot.ts';
import type { KubernetesRendering } from '../emit/kubernetes/emitter.ts';

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

/** What a check reads: the model and everything derived from it. */
export interface CheckSubject {
  readonly model: Model;
  readonly expanded: Expanded;
  /** What the live servers hold (monc lint --prometheus); the online checks do nothing without it. */
  readonly online?: OnlineSnapshot | undefined;
  /** How the prometheus-operator target renders its objects, loaded only for a project that writes them (the k8s/ checks). */
  readonly kubernetes?: KubernetesRendering | undefined;
}

export interface Check extends CheckDescriptor {
  /** The inputs it understands: definitions (with their metric catalog), or plain Prometheus rule files. */
  readonly inputs: readonly InputFamily[];
  run(subject: CheckSubject, ctx: CheckContext): void;
}

export function modelCheck(fields: {
  readonly id: string;
  readonly summary: string;
  readonly defaultSeverity: Severity;
  readonly inputs: readonly InputFamily[];
  /** Default true; false for checks whose findings mean monc cannot compile the input. */
  readonly suppressible?: boolean;
  run(subject: CheckSubject, ctx: CheckContext): void;
}): Check {
  const { inputs, run, ...descriptor } = fields;
  return { ...describeCheck({ ...descriptor, stage: 'model' }), inputs, run };
}
