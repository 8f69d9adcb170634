/** A service with a rolling SLO and calendar-aligned ones (a month in Europe/Berlin, an ISO week at +05:30), for the calendar tests. */

/** One ratio SLO over app_requests_total, 99.9% over `window`. */
export const slo = (name: string, window: string) => `  - name: ${name}
    objective: 99.9
    window: ${window}
    sli:
      ratio:
        errors: app_requests_total{code="500"}
        total: app_requests_total
`;

/** Service app with its one counter, up to its `slos:` key: append the SLOs. */
export const APP_SERVICE_SLOS = `kind: Service
name: app
team: core
metrics:
  - name: app_requests_total
    type: counter
    help: Requests.
    labels:
      code: { values: ['200', '500'] }
slos:
`;

export const CALENDAR_SERVICE = `${APP_SERVICE_SLOS}${slo('rolling', '30d')}${slo('monthly', '{ calendar: month, timezone: Europe/Berlin }')}${slo('weekly', "{ calendar: week, timezone: '+05:30' }")}`;

/** The calendar SLOs keep their windows' data this long. */
export const CALENDAR_CONFIG = 'prometheus:\n  retention: 100d\n';
