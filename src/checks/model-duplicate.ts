import type { Origin } from '../model/origin.ts';
import { modelCheck, type CheckContext } from './check.ts';

/** Two definitions with one name: the second is reported, pointing back at the first. */
export const modelDuplicate = modelCheck({
  id: 'model/duplicate',
  summary: 'Two definitions share a name that must be unique.',
  defaultSeverity: 'error',
  inputs: ['definitions'],
  run({ model, expanded }, ctx) {
    reportRepeats(ctx, 'service', model.services.map((s) => ({ key: s.name, origin: s.origin, field: 'name' })));
    reportRepeats(ctx, 'metric', model.metrics.map((m) => ({ key: m.name, origin: m.origin, field: 'name' })));
    reportRepeats(ctx, 'alert', model.alerts.map((a) => ({ key: a.name, origin: a.origin, field: 'name' })));
    reportRepeats(
      ctx,
      'recording rule',
      model.recordingRules.map((r) => ({ key: `${r.record}${JSON.stringify(Object.entries(r.labels).sort())}`, origin: r.origin, field: 'record' })),
    );
    // A written dashboard may not take the id (and so the uid) of another, or of one monc generates.
    reportRepeats(ctx, 'dashboard', [
      ...expanded.dashboards.filter((d) => d.generated).map((d) => ({ key: d.id, origin: d.origin, field: 'name' })),
      ...model.dashboards.map((d) => ({ key: d.id, origin: d.origin, field: 'id' })),
    ]);
    // One routing tree per project: Alertmanager reads one config.
    reportRepeats(ctx, 'routing', model.routings.map((r) => ({ key: 'the project', origin: r.origin, field: 'route' })));
    const routing = model.routing;
    if (routing) {
      reportRepeats(ctx, 'receiver', routing.receivers.map((r) => ({ key: r.name, origin: r.origin, field: 'name' })));
      reportRepeats(ctx, 'time interval', routing.timeIntervals.map((t) => ({ key: t.name, origin: t.origin, field: 'name' })));
    }
  },
});

interface Declaration {
  readonly key: string;
  readonly origin: Origin;
  readonly field: string;
}

function reportRepeats(ctx: CheckContext, what: string, declarations: readonly Declaration[]): void {
  const first = new Map<string, Declaration>();
  for (const declaration of declarations) {
    const earlier = first.get(declaration.key);
    if (!earlier) {
      first.set(declaration.key, declaration);
      continue;
    }
    const at = declaration.origin.at(declaration.field);
    const firstAt = earlier.origin.at(earlier.field);
    const name = declaration.key.replace(/\[.*$/, '');
    ctx.report({
      at,
      message: `${what} "${name}" is already defined in ${firstAt.file}`,
      related: [{ at: firstAt, message: `first definition of ${what} "${name}"` }],
    });
  }
}
