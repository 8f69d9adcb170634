/**
 * A project for the prometheus-operator target: checkout (SLOs, a ServiceMonitor with basic auth,
 * TLS from Secrets and relabelling; files beside the Secrets, for prometheus.yml), search (a team name that is no Kubernetes name, an SLO, a
 * PodMonitor with a bearer token from a Secret), ledger (static targets: no monitor), a
 * dashboard, and routing with every receiver kind, global settings, a time interval and a
 * template. The config's `kubernetes` block varies by test.
 */
export const CHECKOUT = `kind: Service
name: checkout
team: payments
scrape:
  job: checkout-api
  kubernetes:
    role: endpointslice
    namespaces: [shop, shop-canary]
    selector:
      matchLabels: { app.kubernetes.io/name: checkout }
      matchExpressions:
        - { key: tier, operator: In, values: [api, worker] }
        - { key: canary, operator: DoesNotExist }
    port: http-metrics
  metricsPath: /internal/metrics
  interval: 30s
  timeout: 10s
  scheme: https
  honorLabels: true
  sampleLimit: 50000
  labelLimit: 40
  relabel:
    - { sourceLabels: [__meta_kubernetes_pod_label_tier], regex: api|worker, action: keep }
    - { sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node }
  metricRelabel:
    - { sourceLabels: [__name__], regex: go_gc_.*, action: drop }
  basicAuth:
    username: scraper
    usernameSecret: { name: checkout-scrape, key: username }
    passwordFile: /etc/prometheus/secrets/checkout-password
    passwordSecret: { name: checkout-scrape, key: password }
  tls:
    caFile: /etc/prometheus/secrets/checkout-tls/ca.crt
    certFile: /etc/prometheus/secrets/checkout-tls/tls.crt
    keyFile: /etc/prometheus/secrets/checkout-tls/tls.key
    caSecret: { name: checkout-tls, key: ca.crt }
    certSecret: { name: checkout-tls, key: tls.crt }
    keySecret: { name: checkout-tls, key: tls.key }
    serverName: checkout.shop.svc
metrics:
  - name: checkout_requests_total
    type: counter
    help: Requests by status code.
    labels: { code: { pattern: '[1-5][0-9][0-9]', maxValues: 20 } }
  - name: checkout_request_duration_seconds
    type: histogram
    help: Request latency.
    unit: seconds
    buckets: [0.1, 0.25, 0.5, 1, 2.5]
alerts:
  - name: CheckoutDown
    expr: up{job="checkout-api"} == 0
    for: 2m
    severity: critical
    summary: '{{ $labels.instance }} is down'
    runbook: https://runbooks.example.com/checkout-down
slos:
  - name: availability
    objective: 99.9
    sli:
      ratio:
        errors: checkout_requests_total{code=~"5.."}
        total: checkout_requests_total
  - name: latency
    objective: 99
    sli:
      latency: { histogram: checkout_request_duration_seconds, threshold: 0.5 }
`;

export const SEARCH = `kind: Service
name: search
team: Search & Discovery
scrape:
  kubernetes:
    role: pod
    monitor: pod
    selector:
      matchLabels: { app: search }
    port: metrics
  authorization:
    credentialsFile: /etc/prometheus/secrets/search-token/token
    credentialsSecret: { name: search-token, key: token }
metrics:
  - name: search_queries_total
    type: counter
    help: Queries by outcome.
    labels: { outcome: { values: [ok, error] } }
slos:
  - name: queries
    objective: 99.5
    sli:
      ratio:
        errors: search_queries_total{outcome="error"}
        total: search_queries_total
`;

export const LEDGER = `kind: Service
name: ledger
team: payments
scrape:
  targets: ['ledger-1.internal:9100']
metrics:
  - name: ledger_entries_total
    type: counter
    help: Entries written.
alerts:
  - name: LedgerStalled
    expr: rate(ledger_entries_total[10m]) == 0
    for: 15m
    severity: warning
    summary: The ledger writes nothing
    runbook: https://runbooks.example.com/ledger-stalled
`;

export const DASHBOARD = `kind: Dashboard
id: shop
title: Shop
folder: Shop Team
rows:
  - title: Traffic
    panels:
      - title: Requests
        description: Requests per second by status code.
        type: timeseries
        unit: reqps
        queries:
          - { expr: 'sum by (code) (rate(checkout_requests_total[$__rate_interval]))', legend: '{{code}}' }
`;

export const ROUTING = `kind: Routing
global:
  smtp: { smarthost: 'smtp.example.com:587', from: alerts@example.com, authUsername: alerts, authPasswordFile: /etc/alertmanager/secrets/smtp-password }
  slackApiUrlFile: /etc/alertmanager/secrets/slack-url
route:
  receiver: email
  groupBy: [alertname, service]
  routes:
    - { severity: critical, receiver: pager, continue: true, groupWait: 10s }
    - { matchers: ['team=~"pay.*"'], receiver: chat, muteTimeIntervals: [weekends] }
    - { service: ledger, receiver: ops }
    - { severity: warning, receiver: ops }
receivers:
  - name: pager
    pagerduty: [{ routingKeyFile: /etc/alertmanager/secrets/pagerduty-key, severity: '{{ .CommonLabels.severity }}' }]
  - name: chat
    slack: [{ channel: '#shop', title: '{{ template "shop.title" . }}', sendResolved: true }]
    webhook: [{ url: 'https://hooks.example.com/alerts', maxAlerts: 5 }]
  - name: email
    email: [{ to: shop@example.com }]
  - name: ops
    opsgenie: [{ apiKeyFile: /run/secrets/opsgenie-key, priority: P2 }]
inhibitRules:
  - { sourceMatchers: ['alertname="CheckoutDown"'], targetMatchers: ['severity="warning"'], equal: [service] }
timeIntervals:
  - name: weekends
    intervals:
      - { weekdays: ['saturday', 'sunday'], daysOfMonth: ['1:7', '-1'] }
templates:
  - name: shop.tmpl
    content: '{{ define "shop.title" }}[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }}{{ end }}'
`;

/** monc.config.yaml selecting the target, with `kubernetes` settings (YAML lines, indented under it). */
export function config(kubernetes = ''): string {
  return `targets: [prometheus-operator]
prometheus:
  retention: 30d
kubernetes:
  namespace: observability
  labels: { prometheus: main, team.example.com/owner: sre }
  annotations: { example.com/contact: sre@example.com }
${kubernetes}`;
}

export function projectFiles(kubernetes = ''): Record<string, string> {
  return {
    'definitions/checkout.yaml': CHECKOUT,
    'definitions/search.yaml': SEARCH,
    'definitions/ledger.yaml': LEDGER,
    'definitions/shop-dashboard.yaml': DASHBOARD,
    'definitions/routing.yaml': ROUTING,
    'monc.config.yaml': config(kubernetes),
  };
}

/** The config variants every emitted object is validated in: both file layouts, both rule objects, both Alertmanager modes. */
export const VARIANTS: readonly { readonly name: string; readonly kubernetes: string }[] = [
  { name: 'the defaults (per-kind files, a PrometheusRule per service, the configuration Secret)', kubernetes: '' },
  {
    name: 'per-object files, a PrometheusRule per team and an AlertmanagerConfig',
    kubernetes: '  files: per-object\n  ruleObjects: team\n  alertmanager: { name: shop, config: alertmanager-config }\n  dashboards: { labels: { grafana.example.com/dashboard: "true" }, folderAnnotation: grafana.example.com/folder }\n',
  },
];
