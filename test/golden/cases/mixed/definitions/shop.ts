import { defineMetric, defineService } from 'monc';

const orders = defineMetric({
  name: 'shop_orders_total',
  type: 'counter',
  help: 'Orders placed, by outcome.',
  labels: { outcome: { values: ['ok', 'declined', 'error'] } },
});

const latency = defineMetric({
  name: 'shop_checkout_duration_seconds',
  type: 'histogram',
  unit: 'seconds',
  help: 'Checkout latency.',
  buckets: [0.1, 0.25, 0.5, 1, 2.5],
});

defineService({
  name: 'shop',
  team: 'commerce',
  scrape: { targets: ['shop-1:8080', 'shop-2:8080'] },
  metrics: [orders, latency],
  recordingRules: [
    { record: 'job:shop_orders:rate5m', expr: `sum by (job, outcome) (rate(${orders}[5m]))` },
  ],
  alerts: [
    {
      name: 'ShopCheckoutSlow',
      expr: `histogram_quantile(0.95, sum by (le) (rate(${latency.series('bucket')}[5m]))) > 1`,
      for: '10m',
      severity: 'warning',
      summary: 'p95 checkout latency is above 1s',
      runbook: 'https://runbooks.example.com/shop-checkout-slow',
    },
  ],
});
