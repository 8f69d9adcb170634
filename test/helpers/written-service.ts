/** A service as an importer hands it to the writers: keys out of order, a multi-line expression, templates and labels. */
export const SERVICE = {
  alerts: [
    {
      labels: { component: 'api', priority: '1' },
      annotations: { dashboard: 'https://grafana.example.com/d/checkout' },
      summary: '{{ $labels.instance }} fails',
      severity: 'critical',
      for: '5m',
      expr: 'sum(rate(checkout_requests_total{code=~"5.."}[5m]))\n  / sum(rate(checkout_requests_total[5m])) > 0.05',
      name: 'CheckoutHighErrorRate',
    },
  ],
  recordingRules: [{ expr: 'sum by (job) (rate(checkout_requests_total[5m]))', record: 'job:checkout_requests:rate5m' }],
  team: 'payments',
  name: 'checkout',
};
