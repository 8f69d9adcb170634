import { DATASOURCE_VARIABLE } from '../model/conventions.ts';
import { modelCheck } from './check.ts';

const VARIABLE_FORMS = [`$${DATASOURCE_VARIABLE}`, `\${${DATASOURCE_VARIABLE}}`];

/** A fixed datasource uid breaks the dashboard in every Grafana where that uid differs; $datasource picks one. */
export const dashboardDatasource = modelCheck({
  id: 'dashboard/datasource',
  summary: 'A panel or query names a fixed datasource instead of the $datasource variable.',
  defaultSeverity: 'warning',
  inputs: ['definitions'],
  run({ model }, ctx) {
    for (const dashboard of model.dashboards) {
      for (const panel of dashboard.rows.flatMap((row) => row.panels)) {
        const fixed = (value: string | undefined) => value !== undefined && !VARIABLE_FORMS.includes(value);
        const message = (value: string) => `"${value}" fixes the datasource; leave datasource out (or write $${DATASOURCE_VARIABLE}) so the dashboard works with whichever Prometheus the $${DATASOURCE_VARIABLE} picker selects`;
        if (fixed(panel.datasource)) ctx.report({ at: panel.origin.at('datasource'), message: message(panel.datasource ?? '') });
        panel.queries.forEach((query, i) => {
          if (fixed(query.datasource)) ctx.report({ at: panel.origin.at('queries', i, 'datasource'), message: message(query.datasource ?? '') });
        });
      }
    }
  },
});
