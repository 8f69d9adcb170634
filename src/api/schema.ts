/**
 * The one source of truth for the definitions format. The TypeBox schemas below are JSON
 * Schema objects: the loaders validate every definition against them, and generate.ts derives
 * schemas/*.json and the TS types (types.gen.ts) from them.
 */
import Type from 'typebox';

const closed = { additionalProperties: false } as const;

/** GO_DURATION (src/go-limits.ts): units largest first, each at most once. */
export const DURATION_PATTERN = '^(?:0|(?=[0-9])(?:[0-9]+y)?(?:[0-9]+w)?(?:[0-9]+d)?(?:[0-9]+h)?(?:[0-9]+m)?(?:[0-9]+s)?(?:[0-9]+ms)?)$';
/** A duration that fits Go's int64 nanoseconds (checked in src/load/schema-validation.ts). */
export const DURATION_FORMAT = 'go-duration';
export const METRIC_NAME_PATTERN = '^[a-zA-Z_:][a-zA-Z0-9_:]*$';
export const LABEL_NAME_PATTERN = '^[a-zA-Z_][a-zA-Z0-9_]*$';
export const SERVICE_NAME_PATTERN = '^[a-z][a-z0-9-]*$';
/** A label name, or ... for every label. */
export const GROUP_BY_PATTERN = '^(\\.\\.\\.|[a-zA-Z_][a-zA-Z0-9_]*)$';

const ALERT_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_]*$';
const AlertName = (description: string) => Type.String({ pattern: ALERT_NAME_PATTERN, description });

const Duration = (description: string) =>
  Type.String({ pattern: DURATION_PATTERN, format: DURATION_FORMAT, description: `${description} A Prometheus duration such as 30s, 5m or 1h30m.` });

/** DURATION_PATTERN without the zero durations (0, 0s, 0m0s): Alertmanager refuses a zero group_interval or repeat_interval, and an SLO window of 0 holds no events. */
export const NONZERO_DURATION_PATTERN = `^(?![0smhdwy]*$)${DURATION_PATTERN.slice(1)}`;
const NonZeroDuration = (description: string) =>
  Type.String({ pattern: NONZERO_DURATION_PATTERN, format: DURATION_FORMAT, description: `${description} A Prometheus duration such as 30s, 5m or 1h30m, not zero.` });

const LabelMap = (description: string) =>
  Type.Record(Type.String({ pattern: LABEL_NAME_PATTERN }), Type.String(), { description, additionalProperties: false });

export const LabelDomainSchema = Type.Object(
  {
    description: Type.Optional(Type.String({ description: 'What the label means.' })),
    values: Type.Optional(
      Type.Array(Type.String(), { minItems: 1, uniqueItems: true, description: 'Every value this label can take.' }),
    ),
    maxValues: Type.Optional(Type.Integer({ minimum: 1, description: 'An upper bound on the number of distinct values.' })),
    pattern: Type.Optional(Type.String({ description: 'A regular expression every value matches, e.g. [1-5][0-9][0-9].' })),
  },
  { ...closed, description: 'The values a label can take: a list, a bound, or a pattern.' },
);

export const MetricSchema = Type.Object(
  {
    name: Type.String({ pattern: METRIC_NAME_PATTERN, description: 'The metric name as exposed, e.g. http_requests_total.' }),
    type: Type.Enum(['counter', 'gauge', 'histogram', 'summary', 'info'], { description: 'The Prometheus metric type.' }),
    help: Type.String({ minLength: 1, description: 'The HELP text.' }),
    unit: Type.Optional(Type.String({ description: 'The base unit, e.g. seconds or bytes.' })),
    labels: Type.Optional(
      Type.Record(Type.String({ pattern: LABEL_NAME_PATTERN }), LabelDomainSchema, {
        description: 'Labels the metric carries, each with its domain.',
        additionalProperties: false,
      }),
    ),
    buckets: Type.Optional(
      Type.Array(Type.Number(), { minItems: 1, description: 'Histogram bucket upper bounds (le), ascending.' }),
    ),
    native: Type.Optional(
      Type.Boolean({
        description:
          'A histogram exposed as a native histogram: one series under the bare name (Prometheus with --enable-feature=native-histograms). With buckets as well, it is exposed both ways. Default: false (classic _bucket, _sum and _count series).',
      }),
    ),
    exporter: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The third-party exporter that names this metric, e.g. node_exporter. Naming conventions are not checked: the name is not yours to choose.',
      }),
    ),
  },
  { ...closed, description: 'A metric exposed by a service or an exporter.' },
);

export const AlertSchema = Type.Object(
  {
    name: Type.String({ pattern: ALERT_NAME_PATTERN, description: 'The alertname, e.g. HighAPIErrorRate.' }),
    expr: Type.String({ minLength: 1, description: 'The PromQL condition.' }),
    for: Type.Optional(Duration('How long the condition must hold before the alert fires. Write 0s to fire at once.')),
    keepFiringFor: Type.Optional(Duration('How long the alert keeps firing after the condition clears.')),
    severity: Type.Optional(Type.String({ description: 'critical, warning or info; emitted as the severity label.' })),
    summary: Type.Optional(Type.String({ description: 'One-line summary annotation (Go template).' })),
    description: Type.Optional(Type.String({ description: 'Description annotation (Go template).' })),
    runbook: Type.Optional(Type.String({ description: 'Runbook URL, emitted as the runbook_url annotation. Or write runbookText and let monc publish the page.' })),
    runbookText: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The runbook itself, in Markdown: what the alert means, what to check, how to fix it. monc writes it to out/docs/runbooks/<alert>.md, and runbook_url points there (under runbooks.url from the config) unless runbook is set.',
      }),
    ),
    labels: Type.Optional(LabelMap('Extra labels on the alert.')),
    annotations: Type.Optional(LabelMap('Extra annotations on the alert.')),
    dashboard: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9-]*$', description: 'The id of the dashboard to open for this alert: its link becomes the dashboard_url annotation (with grafana.url in the config).' }),
    ),
  },
  { ...closed, description: 'A Prometheus alerting rule.' },
);

export const RecordingRuleSchema = Type.Object(
  {
    record: Type.String({ pattern: METRIC_NAME_PATTERN, description: 'The recorded series name, level:metric:operations.' }),
    expr: Type.String({ minLength: 1, description: 'The PromQL expression to record.' }),
    labels: Type.Optional(LabelMap('Labels added to the recorded series.')),
    description: Type.Optional(Type.String({ description: 'What the rule computes and why it is written this way, for the docs.' })),
  },
  { ...closed, description: 'A Prometheus recording rule.' },
);

/** A Kubernetes object name (RFC 1123 subdomain), as Secrets, namespaces and monitors need. */
export const K8S_NAME_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';

export const SecretKeySchema = Type.Object(
  {
    name: Type.String({ pattern: K8S_NAME_PATTERN, maxLength: 253, description: 'The Secret\'s name, in the namespace of the object that reads it.' }),
    key: Type.String({ minLength: 1, pattern: '^[-._a-zA-Z0-9]+$', description: 'The key in the Secret\'s data.' }),
  },
  { ...closed, description: 'A key of a Kubernetes Secret: what the prometheus-operator target reads a credential from.' },
);

const FilePath = (description: string) => Type.String({ minLength: 1, description: `${description} A path on the Prometheus host (or container).` });

export const BasicAuthSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, description: 'The user name.' }),
    // A ServiceMonitor or PodMonitor reads the user name from a Secret too.
    usernameSecret: Type.Optional(SecretKeySchema),
    passwordFile: Type.Optional(FilePath('The file holding the password (prometheus.yml: password_file).')),
    passwordSecret: Type.Optional(SecretKeySchema),
  },
  { ...closed, description: 'HTTP basic auth. The password is never written inline: a file for prometheus.yml, a Secret key for Kubernetes objects.' },
);

export const AuthorizationSchema = Type.Object(
  {
    type: Type.Optional(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9-]*$', description: 'The scheme of the Authorization header. Default: Bearer.' })),
    credentialsFile: Type.Optional(FilePath('The file holding the credentials (the token).')),
    credentialsSecret: Type.Optional(SecretKeySchema),
  },
  { ...closed, description: 'An Authorization header (a bearer token, by default), read from a file or a Secret key.' },
);

export const TlsSchema = Type.Object(
  {
    caFile: Type.Optional(FilePath('The CA certificate that signs the server\'s.')),
    certFile: Type.Optional(FilePath('The client certificate.')),
    keyFile: Type.Optional(FilePath('The client certificate\'s key.')),
    caSecret: Type.Optional(SecretKeySchema),
    certSecret: Type.Optional(SecretKeySchema),
    keySecret: Type.Optional(SecretKeySchema),
    serverName: Type.Optional(Type.String({ minLength: 1, description: 'The server name to verify the certificate against.' })),
    insecureSkipVerify: Type.Optional(Type.Boolean({ description: 'Do not verify the server\'s certificate.' })),
  },
  { ...closed, description: 'TLS settings: certificates from files (prometheus.yml) or Secret keys (Kubernetes objects).' },
);

export const RelabelSchema = Type.Object(
  {
    sourceLabels: Type.Optional(Type.Array(Type.String({ pattern: LABEL_NAME_PATTERN }), { minItems: 1, description: 'The labels whose values, joined by separator, the regex reads.' })),
    separator: Type.Optional(Type.String({ description: 'Joins the source label values. Default: ;' })),
    regex: Type.Optional(Type.String({ description: 'An RE2 regular expression, anchored at both ends. Default: (.*)' })),
    targetLabel: Type.Optional(Type.String({ pattern: LABEL_NAME_PATTERN, description: 'The label a replace, hashmod, lowercase or uppercase writes.' })),
    replacement: Type.Optional(Type.String({ description: 'What a replace writes, with $1 for the regex\'s groups. Default: $1' })),
    modulus: Type.Optional(Type.Integer({ minimum: 1, description: 'The modulus of a hashmod.' })),
    action: Type.Optional(
      Type.Enum(['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase'], {
        description: 'What the rule does. Default: replace.',
      }),
    ),
  },
  { ...closed, description: 'A Prometheus relabelling rule (relabel_configs), in camelCase.' },
);

export const LabelSelectorSchema = Type.Object(
  {
    matchLabels: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String(), { additionalProperties: false, description: 'Labels an object must have, with these values.' })),
    matchExpressions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            key: Type.String({ minLength: 1, description: 'The label.' }),
            operator: Type.Enum(['In', 'NotIn', 'Exists', 'DoesNotExist'], { description: 'How the label is matched.' }),
            values: Type.Optional(Type.Array(Type.String(), { description: 'The values for In and NotIn.' })),
          },
          closed,
        ),
        { description: 'Set-based requirements, all of which must hold.' },
      ),
    ),
  },
  { ...closed, description: 'A Kubernetes label selector.' },
);

export const ScrapeSchema = Type.Object(
  {
    job: Type.Optional(Type.String({ minLength: 1, description: 'The job label; defaults to the service name.' })),
    targets: Type.Optional(
      Type.Array(Type.String({ pattern: '^[^\\s/]+:[0-9]+$' }), {
        minItems: 1,
        description: 'host:port of every instance (static discovery).',
      }),
    ),
    fileSd: Type.Optional(
      Type.Object(
        {
          files: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Target files (JSON or YAML), globs allowed in the last path segment.' }),
          refreshInterval: Type.Optional(Duration('How often the files are re-read. Default: 5m.')),
          labels: Type.Optional(
            Type.Array(Type.String({ pattern: LABEL_NAME_PATTERN }), {
              uniqueItems: true,
              description:
                'The labels the target files give their targets (not the __-prefixed ones, which Prometheus drops after relabelling), so that the catalog knows them. Unset: monc cannot know them, and does not check which labels expressions name on the service\'s metrics.',
            }),
          ),
        },
        { ...closed, description: 'File-based discovery (file_sd_configs). A relative path is resolved by Prometheus against the directory of prometheus.yml.' },
      ),
    ),
    dnsSd: Type.Optional(
      Type.Object(
        {
          names: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'The DNS names to query.' }),
          type: Type.Optional(Type.Enum(['SRV', 'A', 'AAAA', 'MX', 'NS'], { description: 'The record type. Default: SRV.' })),
          port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'The port of A, AAAA, MX and NS targets.' })),
          refreshInterval: Type.Optional(Duration('How often the names are resolved. Default: 30s.')),
        },
        { ...closed, description: 'DNS-based discovery (dns_sd_configs).' },
      ),
    ),
    kubernetes: Type.Optional(
      Type.Object(
        {
          role: Type.Optional(Type.Enum(['endpoints', 'endpointslice', 'pod', 'service'], { description: 'What Prometheus discovers (kubernetes_sd_configs role). Default: endpoints.' })),
          namespaces: Type.Optional(Type.Array(Type.String({ pattern: K8S_NAME_PATTERN, maxLength: 63 }), { minItems: 1, description: 'The namespaces to look in. Default: all.' })),
          selector: Type.Optional(LabelSelectorSchema),
          port: Type.Optional(Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 15, description: 'The name of the port that serves metrics.' })),
          monitor: Type.Optional(Type.Enum(['service', 'pod'], { description: 'What the prometheus-operator target writes: a ServiceMonitor (Services\' endpoints) or a PodMonitor (Pods). Default: service.' })),
        },
        { ...closed, description: 'Kubernetes discovery: kubernetes_sd_configs in prometheus.yml, a ServiceMonitor or PodMonitor for the prometheus-operator.' },
      ),
    ),
    metricsPath: Type.Optional(Type.String({ pattern: '^/', description: 'Defaults to /metrics.' })),
    interval: Type.Optional(Duration('Scrape interval; defaults to the global one.')),
    timeout: Type.Optional(Duration('Scrape timeout; defaults to the global one (10s), at most the interval.')),
    scheme: Type.Optional(Type.Enum(['http', 'https'], { description: 'Defaults to http.' })),
    honorLabels: Type.Optional(Type.Boolean({ description: 'Keep the scraped series\' labels where they clash with target labels. Default: false.' })),
    sampleLimit: Type.Optional(Type.Integer({ minimum: 0, description: 'The most samples a scrape may return (0: no limit).' })),
    labelLimit: Type.Optional(Type.Integer({ minimum: 0, description: 'The most labels a series may have after relabelling (0: no limit).' })),
    relabel: Type.Optional(Type.Array(RelabelSchema, { description: 'relabel_configs: rules applied to each target before the scrape.' })),
    metricRelabel: Type.Optional(Type.Array(RelabelSchema, { description: 'metric_relabel_configs: rules applied to each scraped series.' })),
    basicAuth: Type.Optional(BasicAuthSchema),
    authorization: Type.Optional(AuthorizationSchema),
    tls: Type.Optional(TlsSchema),
  },
  { ...closed, description: 'How Prometheus finds and scrapes the service: static targets, file, DNS or Kubernetes discovery, relabelling, auth and TLS.' },
);

export const RulerSchema = Type.Object(
  {
    sourceTenants: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true, description: 'Mimir/Cortex: the tenants a federated rule group queries (source_tenants).' })),
    queryOffset: Type.Optional(Duration('Mimir and Prometheus >= 2.53: how far back the rule groups evaluate (query_offset).')),
    evaluationDelay: Type.Optional(Duration('Mimir: the older, deprecated name of queryOffset (evaluation_delay); Mimir prefers query_offset when both are set. Prometheus, Thanos and cortextool do not know it.')),
    partialResponseStrategy: Type.Optional(Type.Enum(['warn', 'abort'], { description: 'Thanos ruler: what a rule group does when a store API answers partly. Default: the thanos.partialResponseStrategy of the config.' })),
  },
  { ...closed, description: 'How a ruler (Mimir, Cortex, Thanos) evaluates the service\'s rule groups.' },
);

export const SLO_NAME_PATTERN = '^[a-z][a-z0-9-]*$';
/** An SLO window: whole days or weeks. */

const SliQuery = (description: string) =>
  Type.String({
    minLength: 1,
    description: `${description} Either a series selector of a counter, e.g. http_requests_total{job="api"}, which monc turns into increase(…[5m]) summed by the SLO's groupBy labels, or a PromQL expression that counts events in {{window}}, e.g. sum(increase(x[{{window}}])).`,
  });

export const RatioSliSchema = Type.Object(
  {
    errors: Type.Optional(SliQuery('The bad events. Give errors or good, not both.')),
    good: Type.Optional(SliQuery('The good events. Give errors or good, not both.')),
    total: SliQuery('All events.'),
  },
  { ...closed, description: 'Events: the errors (or the good ones) out of all.' },
);

export const LatencySliSchema = Type.Object(
  {
    histogram: Type.String({
      minLength: 1,
      description: 'The histogram, as its name with optional matchers: http_request_duration_seconds{job="api"}. Good events are those in the threshold bucket; all events are _count.',
    }),
    threshold: Type.Number({ exclusiveMinimum: 0, description: 'The latency a good event stays under, in the histogram\'s unit: one of its bucket bounds, e.g. 0.5.' }),
    native: Type.Optional(
      Type.Boolean({
        description:
          'Read the histogram as a native histogram: good events are histogram_fraction(0, threshold) of each increase. Needs Prometheus with --enable-feature=native-histograms (prometheus.features). Default: false (the threshold bucket of a classic histogram).',
      }),
    ),
  },
  { ...closed, description: 'Requests faster than a threshold, out of all requests.' },
);

export const AvailabilitySliSchema = Type.Object(
  {
    up: Type.String({
      minLength: 1,
      description: 'A 0/1 series selector, e.g. up{job="api"} or probe_success{instance="https://…"}. Each sample is an event: 0 is bad, 1 is good.',
    }),
  },
  { ...closed, description: 'Time-based availability: the share of scrapes or probes that succeeded.' },
);

export const TimesliceSliSchema = Type.Object(
  {
    slice: Duration('The length of a time slice, e.g. 1m: the SLI is the share of good slices, and is recorded once per slice length.'),
    query: Type.String({
      minLength: 1,
      description:
        'PromQL giving one number per series for each slice, with {{window}} standing for the slice, e.g. histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[{{window}}]))). Series are grouped by the SLO\'s groupBy labels.',
    }),
    max: Type.Optional(Type.Number({ description: 'A slice is good when the query is at most this. Give max or min, not both.' })),
    min: Type.Optional(Type.Number({ description: 'A slice is good when the query is at least this. Give max or min, not both.' })),
  },
  { ...closed, description: 'Time slices, as OpenSLO defines them: the share of slices (e.g. minutes) in which the query meets its bound.' },
);

export const SliSchema = Type.Object(
  {
    ratio: Type.Optional(RatioSliSchema),
    latency: Type.Optional(LatencySliSchema),
    availability: Type.Optional(AvailabilitySliSchema),
    timeslice: Type.Optional(TimesliceSliSchema),
  },
  { ...closed, minProperties: 1, maxProperties: 1, description: 'The service level indicator: exactly one of ratio, latency, availability or timeslice.' },
);

export const SloTierSchema = Type.Object(
  {
    severity: Type.Optional(Type.Enum(['page', 'ticket'], { description: 'page or ticket; mapped onto alert severities by pageSeverity and ticketSeverity.' })),
    longWindow: Type.Optional(Duration('The long window: the budget share must burn within it.')),
    shortWindow: Type.Optional(Duration('The short window, which makes the alert stop soon after the burn stops; usually a twelfth of the long one.')),
    budgetPercent: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'The share of the whole window\'s error budget that fires the tier when it burns within the long window.' }),
    ),
    factor: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'The burn rate that fires the tier, instead of budgetPercent.' })),
    for: Type.Optional(Duration("How long the tier's condition must hold before its alert fires. Default: alerting.for, else none.")),
    alert: Type.Optional(AlertName("The tier's alert name. Default: alerting.pageAlert or ticketAlert by the tier's severity.")),
    alertSeverity: Type.Optional(
      Type.String({ minLength: 1, description: 'The severity label of the tier\'s alert. Default: pageSeverity or ticketSeverity by the tier\'s severity.' }),
    ),
  },
  { ...closed, description: 'A multi-window burn-rate alert tier. Fields left out keep the default tier\'s values.' },
);

export const SloAlertingSchema = Type.Object(
  {
    tiers: Type.Optional(
      Type.Record(Type.String({ pattern: SLO_NAME_PATTERN }), Type.Union([Type.Literal(false), SloTierSchema]), {
        description:
          'Changes to the default tiers (page-1h, page-6h, ticket-1d, ticket-3d: the SRE Workbook\'s, rescaled to the window) by name: false switches one off, an object changes it, a new name adds one.',
        additionalProperties: false,
      }),
    ),
    minEvents: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Traffic floor: a tier fires only when its long window saw at least this many events. Default: enough that one failed event alone cannot fire it.',
      }),
    ),
    pageSeverity: Type.Optional(Type.String({ minLength: 1, description: 'The severity label of page tiers. Default: critical.' })),
    ticketSeverity: Type.Optional(Type.String({ minLength: 1, description: 'The severity label of ticket tiers and the no-data alert. Default: warning.' })),
    noDataFor: Type.Optional(Duration('How long the SLI must be missing before the no-data alert fires. Default: 10m. The same as noData.for.')),
    for: Type.Optional(Duration("How long a burn tier's condition must hold before its alert fires, for every tier without its own. Default: none (fires at once).")),
    tierTable: Type.Optional(
      Type.Enum(['workbook', 'pyrra'], {
        description:
          "The default tiers that tiers changes apply to: workbook (the SRE Workbook's page-1h, page-6h, ticket-1d, ticket-3d, thresholds rescaled to the window) or pyrra (Pyrra's burn rates 14, 7, 2, 1 with windows and for scaled from 28d, named after their long window: page-1h, page-6h, ticket-1d, ticket-4d at 28d). Default: workbook.",
      }),
    ),
    pageAlert: Type.Optional(AlertName('The alert name of the page tiers. Default: <Service><Slo>FastBurn.')),
    ticketAlert: Type.Optional(AlertName('The alert name of the ticket tiers. Default: <Service><Slo>SlowBurn.')),
    noData: Type.Optional(
      Type.Union([
        Type.Literal(false),
        Type.Object(
          {
            for: Type.Optional(Duration('How long the SLI must be missing before the alert fires. Default: noDataFor, else 10m.')),
            severity: Type.Optional(Type.String({ minLength: 1, description: 'The severity label of the no-data alert. Default: ticketSeverity.' })),
            alert: Type.Optional(AlertName('The alert name. Default: <Service><Slo>NoData.')),
          },
          { ...closed, description: 'The no-data alert, which fires when the SLI has no data.' },
        ),
      ], { description: 'The no-data alert: false switches it off; an object sets its for, severity and name.' }),
    ),
  },
  { ...closed, description: 'How the SLO alerts.' },
);

export const SloSchema = Type.Object(
  {
    name: Type.String({ pattern: SLO_NAME_PATTERN, description: 'The SLO id within its service, e.g. availability. The slo label is <service>-<name>.' }),
    description: Type.Optional(Type.String({ description: 'What the SLO promises, for alerts and docs.' })),
    objective: Type.Number({ description: 'The target, in percent of good events, e.g. 99.9.' }),
    objectives: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ pattern: SLO_NAME_PATTERN, description: 'Appended to the SLO name: <name>-<this> is the objective\'s SLO id within the service.' }),
            objective: Type.Number({ description: 'The target, in percent of good events.' }),
            threshold: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'A latency SLI\'s threshold for this objective, e.g. 1 for 99.9% under 1s. Default: the SLI\'s.' })),
          },
          closed,
        ),
        {
          description:
            "Further objectives on the same SLI, e.g. 99.9% under 1s beside 99% under 300ms: each is an SLO of its own (budget, alerts, dashboard row) with this SLO's window, alerting and labels, reading this SLO's SLI recordings (an objective with its own latency threshold records its own).",
        },
      ),
    ),
    window: Type.Optional(
      Type.Union(
        [
          NonZeroDuration('A rolling compliance period, e.g. 30d, 4w or 12h.'),
          Type.Object(
            {
              calendar: Type.Enum(['month', 'week', 'quarter'], { description: 'The calendar period the budget resets with: month, ISO week (from Monday) or quarter.' }),
              timezone: Type.Optional(
                Type.String({ minLength: 1, description: 'Where the period starts: UTC, a fixed offset such as +02:00, or an IANA zone such as Europe/Berlin (with its daylight saving time). Default: UTC.' }),
              ),
            },
            { ...closed, description: 'A calendar-aligned compliance period: the budget counts only events since the start of the current month, week or quarter.' },
          ),
        ],
        { description: 'The compliance period: a rolling duration (default 30d), or a calendar period { calendar: month, timezone: Europe/Berlin }.' },
      ),
    ),
    sli: SliSchema,
    groupBy: Type.Optional(
      Type.Array(Type.String({ pattern: LABEL_NAME_PATTERN }), { uniqueItems: true, description: 'One SLO per value of these labels, e.g. [endpoint].' }),
    ),
    alerting: Type.Optional(SloAlertingSchema),
    labels: Type.Optional(LabelMap('Extra labels on every series the SLO records and on its alerts. Labels monc generates (service, team, slo, severity, tier, window, alertname, period_phase, the groupBy labels) are refused: slo/reserved-label.')),
    runbook: Type.Optional(Type.String({ description: 'Runbook URL of the SLO\'s alerts.' })),
    runbookText: Type.Optional(
      Type.String({ minLength: 1, description: "The runbook of the SLO's alerts, in Markdown; monc writes one page per alert (fast burn, slow burn, no data) under out/docs/runbooks/." }),
    ),
    traffic: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: 'Expected events per second, for the docs: the error budget in events as well as in minutes.' }),
    ),
  },
  { ...closed, description: 'A service level objective: generates SLI recording rules, burn-rate alerts and promtool tests.' },
);

const EvalTime = Type.String({ pattern: DURATION_PATTERN, format: DURATION_FORMAT, description: 'When to check, from the start of the input series, e.g. 10m.' });

export const RuleTestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'What the test shows, e.g. "a 5xx burst pages".' }),
    interval: Type.Optional(Duration('The step between input values. Default: 1m.')),
    inputSeries: Type.Array(
      Type.Object(
        {
          series: Type.String({ minLength: 1, description: 'A series in PromQL notation, e.g. http_requests_total{job="api",code="500"}.' }),
          values: Type.String({ description: 'promtool expanding notation, e.g. 0+10x60 or 1 1 _ stale.' }),
        },
        closed,
      ),
      { description: 'The input series.' },
    ),
    alertRuleTests: Type.Optional(
      Type.Array(
        Type.Object(
          {
            evalTime: EvalTime,
            alertname: Type.String({ minLength: 1, description: 'The alert to check.' }),
            expAlerts: Type.Array(
              Type.Object({ expLabels: Type.Optional(LabelMap('Labels the alert has.')), expAnnotations: Type.Optional(LabelMap('Annotations the alert has.')) }, closed),
              { description: 'Every alert firing at evalTime; empty for none.' },
            ),
          },
          closed,
        ),
        { description: 'Which alerts fire when.' },
      ),
    ),
    promqlExprTests: Type.Optional(
      Type.Array(
        Type.Object(
          {
            expr: Type.String({ minLength: 1, description: 'The PromQL expression to evaluate.' }),
            evalTime: EvalTime,
            expSamples: Type.Array(
              Type.Object(
                {
                  labels: Type.String({ description: 'The series in PromQL notation, e.g. {job="api"} or job:up:sum{job="api"}.' }),
                  value: Type.Number({ description: 'Its value.' }),
                },
                closed,
              ),
              { description: 'Every sample the expression returns; empty for none.' },
            ),
          },
          closed,
        ),
        { description: 'What expressions return when.' },
      ),
    ),
  },
  { ...closed, description: 'A promtool rule unit test, emitted into out/prometheus/tests/<service>.test.yml next to the generated SLO tests.' },
);

const serviceFields = {
  // The name becomes file names in out/ (prometheus/rules/<name>.yml): 63 characters, as a DNS label.
  name: Type.String({ pattern: SERVICE_NAME_PATTERN, maxLength: 63, description: 'The service id, e.g. backend (at most 63 characters).' }),
  team: Type.String({ minLength: 1, description: 'The owning team.' }),
  description: Type.Optional(Type.String({ description: 'What the service does, for the docs.' })),
  instances: Type.Optional(Type.Integer({ minimum: 1, description: 'How many instances run (for cardinality). Defaults to the number of scrape targets.' })),
  scrape: Type.Optional(ScrapeSchema),
  ruler: Type.Optional(RulerSchema),
  metrics: Type.Optional(Type.Array(MetricSchema, { description: 'Metrics the service exposes.' })),
  alerts: Type.Optional(Type.Array(AlertSchema, { description: 'Alerting rules, emitted into the service rule group.' })),
  recordingRules: Type.Optional(Type.Array(RecordingRuleSchema, { description: 'Recording rules, evaluated before the alerts.' })),
  slos: Type.Optional(Type.Array(SloSchema, { description: 'Service level objectives.' })),
  tests: Type.Optional(Type.Array(RuleTestSchema, { description: 'promtool unit tests of the service\'s alerts and recording rules.' })),
};

export const ServiceSchema = Type.Object(serviceFields, { ...closed, description: 'A service: its owner, scrape targets, metrics and rules.' });

/** A YAML file holding one service. */
export const ServiceFileSchema = Type.Object(
  { kind: Type.Literal('Service'), ...serviceFields },
  { ...closed, $id: 'https://monc.dev/schemas/service.schema.json', title: 'monc service' },
);

const metricsFields = { metrics: Type.Array(MetricSchema, { description: 'Metrics shared by several services or exposed by third-party exporters.' }) };

/** A Metrics document without its `kind`: what monc validates once the kind is known. */
export const MetricsListSchema = Type.Object(metricsFields, closed);

/** A YAML file holding shared metrics no single service owns (e.g. exporter metrics). */
export const MetricsFileSchema = Type.Object(
  { kind: Type.Literal('Metrics'), ...metricsFields },
  { ...closed, $id: 'https://monc.dev/schemas/metrics.schema.json', title: 'monc metrics catalog' },
);

// ---------------------------------------------------------------- routing (Alertmanager)

/** A secret written inline: allowed by the schema so routing/inline-secret can say what to write instead. */
const InlineSecret = (fileField: string) =>
  Type.String({ description: `Not allowed: secrets live in files. Write ${fileField} with the path of a file holding it.` });
const SecretFile = (description: string) => Type.String({ pattern: '^/', description: `${description} An absolute path of a file holding the secret.` });

export const MATCHER_PATTERN = '^\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*(=~|!~|!=|=)\\s*("(?:[^"\\\\]|\\\\.)*"|[^"\\s]*)\\s*$';
const Matchers = (description: string) =>
  Type.Array(Type.String({ pattern: MATCHER_PATTERN, description: 'label="value", label!="value", label=~"regex" or label!~"regex".' }), { description });

const sendResolved = Type.Optional(Type.Boolean({ description: 'Notify when the alert resolves too. Default: true (email: false).' }));

export const ReceiverSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$', description: 'The receiver name routes refer to, e.g. pagerduty.' }),
    pagerduty: Type.Optional(
      Type.Array(
        Type.Object(
          {
            routingKeyFile: Type.Optional(SecretFile('The Events API v2 integration key.')),
            serviceKeyFile: Type.Optional(SecretFile('The Events API v1 service key.')),
            routingKey: Type.Optional(InlineSecret('routingKeyFile')),
            serviceKey: Type.Optional(InlineSecret('serviceKeyFile')),
            severity: Type.Optional(Type.String({ description: 'PagerDuty severity; default: error. May use templates, e.g. {{ .CommonLabels.severity }}.' })),
            description: Type.Optional(Type.String({ description: 'The incident summary (Go template).' })),
            sendResolved,
          },
          { ...closed, description: 'A PagerDuty integration.' },
        ),
        { description: 'PagerDuty integrations.' },
      ),
    ),
    slack: Type.Optional(
      Type.Array(
        Type.Object(
          {
            apiUrlFile: Type.Optional(SecretFile('The incoming webhook URL. Default: the global slackApiUrlFile.')),
            apiUrl: Type.Optional(InlineSecret('apiUrlFile')),
            channel: Type.String({ minLength: 1, description: 'The channel, e.g. #alerts.' }),
            title: Type.Optional(Type.String({ description: 'Message title (Go template).' })),
            text: Type.Optional(Type.String({ description: 'Message text (Go template).' })),
            sendResolved,
          },
          { ...closed, description: 'A Slack channel.' },
        ),
        { description: 'Slack channels.' },
      ),
    ),
    email: Type.Optional(
      Type.Array(
        Type.Object(
          {
            to: Type.String({ minLength: 1, description: 'Recipients, comma-separated.' }),
            from: Type.Optional(Type.String({ description: 'Default: the global smtp.from.' })),
            smarthost: Type.Optional(Type.String({ pattern: '^[^\\s/]+:[0-9]+$', description: 'host:port; default: the global smtp.smarthost.' })),
            authUsername: Type.Optional(Type.String({ description: 'SMTP user.' })),
            authPasswordFile: Type.Optional(SecretFile('The SMTP password.')),
            authPassword: Type.Optional(InlineSecret('authPasswordFile')),
            requireTls: Type.Optional(Type.Boolean({ description: 'Require STARTTLS. Default: true.' })),
            sendResolved,
          },
          { ...closed, description: 'An email recipient list.' },
        ),
        { description: 'Email recipients.' },
      ),
    ),
    webhook: Type.Optional(
      Type.Array(
        Type.Object(
          {
            url: Type.String({ pattern: '^https?://', description: 'The endpoint. No credentials or tokens in it: Alertmanager 0.25 has no url_file, so put them in passwordFile.' }),
            username: Type.Optional(Type.String({ description: 'Basic auth user.' })),
            passwordFile: Type.Optional(SecretFile('The basic auth password.')),
            password: Type.Optional(InlineSecret('passwordFile')),
            maxAlerts: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'Most alerts per message; 0 for all.' })),
            sendResolved,
          },
          { ...closed, description: 'A webhook (Alertmanager webhook format, version 4).' },
        ),
        { description: 'Webhooks.' },
      ),
    ),
    opsgenie: Type.Optional(
      Type.Array(
        Type.Object(
          {
            apiKeyFile: Type.Optional(SecretFile('The API key. Default: the global opsgenieApiKeyFile.')),
            apiKey: Type.Optional(InlineSecret('apiKeyFile')),
            priority: Type.Optional(Type.String({ description: 'P1 to P5 (Go template allowed).' })),
            message: Type.Optional(Type.String({ description: 'Alert text (Go template).' })),
            sendResolved,
          },
          { ...closed, description: 'An Opsgenie integration.' },
        ),
        { description: 'Opsgenie integrations.' },
      ),
    ),
  },
  { ...closed, description: 'Where notifications go: any number of integrations of each kind.' },
);

const routeFields = {
  receiver: Type.Optional(Type.String({ minLength: 1, description: "The receiver of the alerts this route matches. Default: the parent route's." })),
  severity: Type.Optional(Type.String({ minLength: 1, description: 'Shorthand for the matcher severity="…".' })),
  team: Type.Optional(Type.String({ minLength: 1, description: 'Shorthand for the matcher team="…".' })),
  service: Type.Optional(Type.String({ minLength: 1, description: 'Shorthand for the matcher service="…".' })),
  matchers: Type.Optional(Matchers('Alertmanager matchers; all must match.')),
  groupBy: Type.Optional(
    Type.Array(Type.String({ pattern: GROUP_BY_PATTERN }), { description: "Labels to group alerts by, or ['...'] for every label. Default: the parent route's." }),
  ),
  groupWait: Type.Optional(Duration('How long to wait before the first notification of a new group.')),
  groupInterval: Type.Optional(NonZeroDuration('How long to wait before notifying about new alerts in a group.')),
  repeatInterval: Type.Optional(NonZeroDuration('How long to wait before repeating a notification.')),
  continue: Type.Optional(Type.Boolean({ description: 'Keep matching the next sibling routes after this one matches. Default: false.' })),
  muteTimeIntervals: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Time intervals (by name) during which this route sends nothing.' })),
  activeTimeIntervals: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Time intervals (by name) outside which this route sends nothing.' })),
};

/** A route and its child routes (recursive). */
export const RouteSchema = Type.Cyclic(
  {
    Route: Type.Object(
      { ...routeFields, routes: Type.Optional(Type.Array(Type.Ref('Route'), { description: 'Child routes, tried in order.' })) },
      { ...closed, description: 'A node of the routing tree: which alerts it matches, where they go, how they are grouped.' },
    ),
  },
  'Route',
  { description: "The root of the routing tree: its receiver gets every alert no child route takes." },
);

export const InhibitRuleSchema = Type.Object(
  {
    sourceMatchers: Matchers('Alerts that mute others while they fire.'),
    targetMatchers: Matchers('Alerts that are muted.'),
    equal: Type.Optional(Type.Array(Type.String({ pattern: LABEL_NAME_PATTERN }), { description: 'Labels that must be equal in source and target.' })),
    description: Type.Optional(Type.String({ description: 'Why, for the docs.' })),
  },
  { ...closed, description: 'Mutes target alerts while a matching source alert fires.' },
);

/** HH:MM from 00:00 to 24:00. */
export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$';
export const TimeIntervalSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$', description: 'The name routes refer to, e.g. maintenance.' }),
    intervals: Type.Array(
      Type.Object(
        {
          times: Type.Optional(
            Type.Array(
              Type.Object(
                { start: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM, inclusive.' }), end: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM, exclusive.' }) },
                closed,
              ),
              { description: 'Times of day.' },
            ),
          ),
          weekdays: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+(:[a-z]+)?$' }), { description: 'e.g. saturday, or monday:friday.' })),
          daysOfMonth: Type.Optional(Type.Array(Type.String({ pattern: '^-?[0-9]+(:-?[0-9]+)?$' }), { description: 'e.g. 1, 1:5, -1 (the last day).' })),
          months: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9]+(:[a-z0-9]+)?$' }), { description: 'e.g. january, 1:3.' })),
          years: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4}(:[0-9]{4})?$' }), { description: 'e.g. 2026, 2026:2027.' })),
          location: Type.Optional(Type.String({ description: 'IANA time zone, e.g. Europe/Berlin. Default: UTC.' })),
        },
        { ...closed, description: 'When the interval applies: every field given must match.' },
      ),
      { minItems: 1, description: 'The interval is active when any of these matches.' },
    ),
  },
  { ...closed, description: 'A named time interval, e.g. a maintenance window, for muteTimeIntervals and activeTimeIntervals.' },
);

export const TemplateSchema = Type.Object(
  {
    name: Type.String({ pattern: '^[a-zA-Z0-9_-]+\\.tmpl$', maxLength: 100, description: 'The file name, e.g. slack.tmpl.' }),
    content: Type.String({ minLength: 1, description: 'Go template definitions: {{ define "slack.title" }}…{{ end }}.' }),
  },
  { ...closed, description: 'A notification template file, written to out/alertmanager/templates/.' },
);

const routingFields = {
  global: Type.Optional(
    Type.Object(
      {
        resolveTimeout: Type.Optional(Duration('How long an alert without updates stays firing. Default: 5m.')),
        smtp: Type.Optional(
          Type.Object(
            {
              smarthost: Type.String({ pattern: '^[^\\s/]+:[0-9]+$', description: 'host:port of the SMTP server.' }),
              from: Type.String({ minLength: 1, description: 'The sender address.' }),
              authUsername: Type.Optional(Type.String({ description: 'SMTP user.' })),
              authPasswordFile: Type.Optional(SecretFile('The SMTP password.')),
              authPassword: Type.Optional(InlineSecret('authPasswordFile')),
              requireTls: Type.Optional(Type.Boolean({ description: 'Default: true.' })),
            },
            { ...closed, description: 'Defaults for email receivers.' },
          ),
        ),
        slackApiUrlFile: Type.Optional(SecretFile('The default Slack webhook URL.')),
        slackApiUrl: Type.Optional(InlineSecret('slackApiUrlFile')),
        opsgenieApiKeyFile: Type.Optional(SecretFile('The default Opsgenie API key.')),
        opsgenieApiKey: Type.Optional(InlineSecret('opsgenieApiKeyFile')),
      },
      { ...closed, description: 'Defaults shared by the receivers.' },
    ),
  ),
  route: RouteSchema,
  receivers: Type.Array(ReceiverSchema, { minItems: 1, description: 'Every receiver the routes name.' }),
  inhibitRules: Type.Optional(Type.Array(InhibitRuleSchema, { description: 'Besides the ones monc generates from SLOs (a page mutes its tickets).' })),
  timeIntervals: Type.Optional(Type.Array(TimeIntervalSchema, { description: 'Named time intervals, e.g. maintenance windows.' })),
  templates: Type.Optional(Type.Array(TemplateSchema, { description: 'Notification template files.' })),
};

export const RoutingSchema = Type.Object(routingFields, {
  ...closed,
  description: 'Alert routing: the Alertmanager routing tree, receivers, inhibitions, time intervals and templates.',
});

/** A YAML file holding the project's alert routing (one per project). */
export const RoutingFileSchema = Type.Object(
  { kind: Type.Literal('Routing'), ...routingFields },
  { ...closed, $id: 'https://monc.dev/schemas/routing.schema.json', title: 'monc routing' },
);

// ---------------------------------------------------------------- dashboards (Grafana)

export const PANEL_TYPES = ['timeseries', 'stat', 'gauge', 'table', 'heatmap', 'bargauge', 'piechart', 'state-timeline', 'histogram', 'text'] as const;

export const PanelQuerySchema = Type.Object(
  {
    expr: Type.String({
      minLength: 1,
      description: 'PromQL. Grafana variables work: $job, ${job}, $__rate_interval, $__range. Checked like rule expressions, with the variables filled in.',
    }),
    legend: Type.Optional(Type.String({ description: 'Legend format, e.g. {{job}} {{method}}.' })),
    instant: Type.Optional(Type.Boolean({ description: 'One value at the end of the range instead of a time series. Default: true for stat, gauge, bar gauge and table panels.' })),
    datasource: Type.Optional(Type.String({ description: 'Leave it out: every query uses the dashboard\'s $datasource variable. A fixed datasource uid here is flagged by dashboard/datasource.' })),
  },
  { ...closed, description: 'A Prometheus query of a panel.' },
);

export const PanelSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, description: 'The panel title. Leave it out for a panel without one, e.g. a text panel.' })),
    description: Type.Optional(Type.String({ description: 'What the panel shows and how to read it (the (i) tooltip). dashboard/description asks for one on every panel but text.' })),
    type: Type.Enum([...PANEL_TYPES], { description: 'The visualization.' }),
    queries: Type.Optional(
      Type.Array(PanelQuerySchema, { minItems: 1, description: 'The queries; refIds A, B, … are assigned in order. Every panel but text has at least one (dashboard/query).' }),
    ),
    content: Type.Optional(Type.String({ description: 'For text panels: what the panel shows, Markdown (or HTML, see mode).' })),
    mode: Type.Optional(Type.Enum(['markdown', 'html'], { description: 'For text panels: how Grafana renders the content. Default: markdown.' })),
    unit: Type.Optional(Type.String({ description: 'Grafana unit id, e.g. s, bytes, percentunit, reqps, short.' })),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 10, description: 'Decimals shown.' })),
    min: Type.Optional(Type.Number({ description: 'Axis or gauge minimum.' })),
    max: Type.Optional(Type.Number({ description: 'Axis or gauge maximum.' })),
    thresholds: Type.Optional(
      Type.Array(
        Type.Object(
          { value: Type.Number({ description: 'From this value on…' }), color: Type.String({ minLength: 1, description: '…use this color: green, orange, red or #rrggbb.' }) },
          closed,
        ),
        { description: 'Threshold steps above the base (green). For timeseries they are drawn as lines.' },
      ),
    ),
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, description: 'Columns out of 24. Default: 12 for graphs and tables, 6 for stat, gauge, bar gauge and pie chart.' })),
    height: Type.Optional(Type.Integer({ minimum: 2, maximum: 40, description: 'Grid rows. Default: 8 (5 for stat and gauge).' })),
    x: Type.Optional(Type.Integer({ minimum: 0, maximum: 23, description: 'The column of its left edge. Default: right of the previous panel, or 0 on a new line.' })),
    y: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Grid rows below the top of its row (0: the first line under the header). Default: the line of the previous panel, or the next line.' }),
    ),
    datasource: Type.Optional(Type.String({ description: 'Leave it out (see the queries\' datasource).' })),
  },
  { ...closed, description: 'A dashboard panel.' },
);

/** A dashboard variable's name, a dashboard link's URL and a dashboard folder (a directory every file system can hold). */
export const VARIABLE_NAME_PATTERN = '^[a-zA-Z_][a-zA-Z0-9_]*$';
export const LINK_URL_PATTERN = '^https?://|^/';
export const FOLDER_PATTERN = '^(?![. ])(?!.*[. ]$)[^/\\\\\\x00-\\x1f<>:"|?*]+$';
export const FOLDER_MAX_LENGTH = 63;

export const DashboardVariableSchema = Type.Object(
  {
    name: Type.String({ pattern: VARIABLE_NAME_PATTERN, description: 'Used as $name in queries.' }),
    label: Type.Optional(Type.String({ description: 'Shown next to the picker.' })),
    kind: Type.Enum(['query', 'custom', 'interval'], { description: 'query: label_values(...) from Prometheus; custom: a fixed list; interval: a list of durations.' }),
    query: Type.Optional(Type.String({ description: 'For query variables: label_values(metric, label) or label_values(label).' })),
    values: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: 'For custom and interval variables.' })),
    multi: Type.Optional(Type.Boolean({ description: 'Allow several values. Default: false.' })),
    includeAll: Type.Optional(Type.Boolean({ description: 'Offer "All". Default: false.' })),
  },
  { ...closed, description: 'A template variable. Every dashboard also gets $datasource, the Prometheus datasource picker.' },
);

export const DashboardSchemaFields = {
  id: Type.String({ pattern: SLO_NAME_PATTERN, description: 'The dashboard id; its Grafana uid is derived from it (monc-<id>, at most 40 characters).' }),
  title: Type.String({ minLength: 1, description: 'The dashboard title.' }),
  description: Type.Optional(Type.String({ description: 'What the dashboard is for.' })),
  // The folder is a directory in out/grafana/dashboards/: a name every file system (and git on Windows) can hold.
  folder: Type.Optional(
    Type.String({
      pattern: FOLDER_PATTERN,
      maxLength: FOLDER_MAX_LENGTH,
      description: 'The Grafana folder, at most 63 characters, without / \\ < > : " | ? * or control characters, not starting or ending with a dot or space. Default: monc.',
    }),
  ),
  service: Type.Optional(Type.String({ pattern: SERVICE_NAME_PATTERN, description: 'The service it belongs to, for the docs.' })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Dashboard tags.' })),
  time: Type.Optional(
    Type.Object(
      { from: Type.String({ minLength: 1, description: 'Start, e.g. now-1h.' }), to: Type.String({ minLength: 1, description: 'End, e.g. now.' }) },
      { ...closed, description: 'The default time range. Default: now-1h to now.' },
    ),
  ),
  refresh: Type.Optional(Duration('Auto-refresh. Default: 1m.')),
  variables: Type.Optional(Type.Array(DashboardVariableSchema, { description: 'Template variables, after $datasource.' })),
  links: Type.Optional(
    Type.Array(
      Type.Object(
        { title: Type.String({ minLength: 1, description: 'The link text.' }), url: Type.String({ pattern: LINK_URL_PATTERN, description: 'An absolute URL, or a Grafana path such as /d/uid.' }) },
        closed,
      ),
      {
        description: 'Links in the dashboard header, e.g. runbooks.',
      },
    ),
  ),
  annotations: Type.Optional(
    Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, description: 'e.g. Deployments.' }),
          expr: Type.String({ minLength: 1, description: 'PromQL whose samples mark the events, e.g. changes(process_start_time_seconds[5m]) > 0.' }),
          color: Type.Optional(Type.String({ description: 'Marker color. Default: blue.' })),
        },
        closed,
      ),
      { description: 'Events drawn on every graph.' },
    ),
  ),
  panels: Type.Optional(Type.Array(PanelSchema, { minItems: 1, description: 'Panels above the first row, in no row (no header, never collapsed).' })),
  rows: Type.Optional(
    Type.Array(
      Type.Object(
        {
          title: Type.String({ description: 'The row title (empty for a header line without one).' }),
          collapsed: Type.Optional(Type.Boolean({ description: 'Start collapsed. Default: false.' })),
          panels: Type.Array(PanelSchema, { minItems: 1, description: 'Panels, laid out left to right, wrapping at 24 columns, unless x and y place them.' }),
        },
        { ...closed, description: 'A row of related panels.' },
      ),
      { minItems: 1, description: 'Rows, most important first.' },
    ),
  ),
};

export const DashboardSchema = Type.Object(DashboardSchemaFields, { ...closed, description: 'A Grafana dashboard.' });

/** A YAML file holding one dashboard. */
export const DashboardFileSchema = Type.Object(
  { kind: Type.Literal('Dashboard'), ...DashboardSchemaFields },
  { ...closed, $id: 'https://monc.dev/schemas/dashboard.schema.json', title: 'monc dashboard' },
);

export const RemoteWriteSchema = Type.Object(
  {
    url: Type.String({ pattern: '^https?://[^\\s@]+$', description: 'The endpoint, e.g. https://mimir.example.com/api/v1/push (no credentials in it).' }),
    name: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9_-]+$', description: 'A name for the queue in Prometheus\' metrics.' })),
    headers: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String(), { additionalProperties: false, description: 'Extra HTTP headers, e.g. X-Scope-OrgID for a Mimir tenant. Not for credentials.' })),
    basicAuth: Type.Optional(BasicAuthSchema),
    authorization: Type.Optional(AuthorizationSchema),
    tls: Type.Optional(TlsSchema),
    queue: Type.Optional(
      Type.Object(
        {
          capacity: Type.Optional(Type.Integer({ minimum: 1, description: 'Samples buffered per shard.' })),
          minShards: Type.Optional(Type.Integer({ minimum: 1, description: 'The fewest shards.' })),
          maxShards: Type.Optional(Type.Integer({ minimum: 1, description: 'The most shards.' })),
          maxSamplesPerSend: Type.Optional(Type.Integer({ minimum: 1, description: 'The most samples per request.' })),
          batchSendDeadline: Type.Optional(Duration('How long a sample waits in a shard before it is sent.')),
        },
        { ...closed, description: 'queue_config.' },
      ),
    ),
    writeRelabel: Type.Optional(Type.Array(RelabelSchema, { description: 'write_relabel_configs: which series are sent.' })),
  },
  { ...closed, description: 'A remote_write endpoint.' },
);

export const KubernetesSettingsSchema = Type.Object(
  {
    namespace: Type.Optional(Type.String({ pattern: K8S_NAME_PATTERN, maxLength: 63, description: 'The namespace of every object. Default: monitoring.' })),
    labels: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String(), { additionalProperties: false, description: 'Labels on every object, e.g. the ones the Prometheus resource\'s ruleSelector and serviceMonitorSelector match.' })),
    annotations: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String(), { additionalProperties: false, description: 'Annotations on every object.' })),
    ruleSelector: Type.Optional(LabelSelectorSchema),
    ruleObjects: Type.Optional(Type.Enum(['service', 'team'], { description: 'One PrometheusRule per service or per team (split when over the operator\'s 512 KiB). Default: service.' })),
    files: Type.Optional(Type.Enum(['per-kind', 'per-object'], { description: 'One multi-document YAML per kind and namespace, or one file per object. Default: per-kind.' })),
    alertmanager: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ pattern: K8S_NAME_PATTERN, maxLength: 63, description: 'The operator\'s Alertmanager resource. Default: main.' })),
          config: Type.Optional(Type.Enum(['secret', 'alertmanager-config'], { description: 'How the routing is deployed: alertmanager.yaml in the Secret the Alertmanager resource reads, or AlertmanagerConfig objects. Default: secret.' })),
        },
        closed,
      ),
    ),
    dashboards: Type.Optional(
      Type.Object(
        {
          labels: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String(), { additionalProperties: false, description: 'The labels the Grafana sidecar watches. Default: { grafana_dashboard: "1" }.' })),
          folderAnnotation: Type.Optional(Type.String({ minLength: 1, description: 'The annotation that names a dashboard\'s folder. Default: grafana_folder.' })),
        },
        closed,
      ),
    ),
  },
  { ...closed, description: 'The prometheus-operator target: the Kubernetes objects it writes.' },
);

const LocalFile = (description: string) => Type.String({ minLength: 1, description: `${description} A path on the machine that runs monc, relative to the project folder.` });

export const OnlineServerSchema = Type.Object(
  {
    url: Type.Optional(Type.String({ pattern: '^https?://', description: 'The server\'s base URL, e.g. https://prometheus.example.com. monc lint --prometheus / --alertmanager overrides it.' })),
    bearerTokenFile: Type.Optional(LocalFile('The file holding a bearer token, sent as Authorization: Bearer.')),
    basicAuth: Type.Optional(
      Type.Object(
        { username: Type.String({ minLength: 1, description: 'The user name.' }), passwordFile: LocalFile('The file holding the password.') },
        { ...closed, description: 'HTTP basic auth; the password only from a file.' },
      ),
    ),
    tls: Type.Optional(
      Type.Object(
        {
          caFile: Type.Optional(LocalFile("The CA certificate that signs the server's.")),
          certFile: Type.Optional(LocalFile('The client certificate.')),
          keyFile: Type.Optional(LocalFile("The client certificate's key.")),
          insecureSkipVerify: Type.Optional(Type.Boolean({ description: "Do not verify the server's certificate." })),
        },
        { ...closed, description: 'TLS for an https URL.' },
      ),
    ),
  },
  { ...closed, description: 'A live server monc lint reads (GET requests only).' },
);

export const OnlineSchema = Type.Object(
  {
    prometheus: Type.Optional(OnlineServerSchema),
    alertmanager: Type.Optional(OnlineServerSchema),
    timeout: Type.Optional(Duration('How long one request may take before the server counts as unreachable or slow. Default: 5s.')),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, description: 'The most requests in flight at once, per server. Default: 4.' })),
    lookback: Type.Optional(Duration('How far back monc looks for a metric that has no series now, to tell "never existed" from "disappeared". Default: 7d.')),
    queryCostBudget: Type.Optional(
      Type.Object(
        {
          samples: Type.Optional(Type.Integer({ minimum: 1, description: "The most samples one evaluation of a rule may load (the query stats' totalQueryableSamples). Default: 1000000." })),
          series: Type.Optional(Type.Integer({ minimum: 1, description: 'The most series one evaluation of a rule may select. Default: 10000.' })),
        },
        { ...closed, description: 'What one evaluation of an alert or recording rule may cost on the live Prometheus (online/query-cost).' },
      ),
    ),
  },
  { ...closed, description: 'monc lint against live servers: the online checks (online/*) read their API. They run when a URL is set here or given with --prometheus / --alertmanager.' },
);

export const ConfigSchema = Type.Object(
  {
    definitions: Type.Optional(Type.String({ description: 'Definitions folder. Default: definitions' })),
    out: Type.Optional(Type.String({ description: 'Output folder. Default: out' })),
    targets: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), {
        uniqueItems: true,
        description:
          'What monc build writes, by target id: prometheus (rules, tests, prometheus.yml), alertmanager, grafana, docs, prometheus-operator (Kubernetes objects), mimir (mimirtool rule files), thanos (Thanos ruler rule files). Default: the first four.',
      }),
    ),
    prometheus: Type.Optional(
      Type.Object(
        {
          version: Type.Optional(Type.Enum([2, 3], { description: 'Target Prometheus major version. Default: 2' })),
          scrapeInterval: Type.Optional(Duration('Global scrape interval. Default: 15s.')),
          evaluationInterval: Type.Optional(Duration('Rule evaluation interval. Default: 30s.')),
          alertmanagers: Type.Optional(
            Type.Array(Type.String({ pattern: '^[^\\s/]+:[0-9]+$' }), { description: 'host:port of each Alertmanager.' }),
          ),
          externalLabels: Type.Optional(LabelMap('Labels added to every series and alert leaving Prometheus.')),
          retention: Type.Optional(Duration('How long Prometheus keeps data (--storage.tsdb.retention.time); SLO windows must fit. Default: 15d, Prometheus\' own default.')),
          features: Type.Optional(
            Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }), {
              uniqueItems: true,
              description: 'The feature flags Prometheus runs with (--enable-feature), e.g. [native-histograms]: what the rules may rely on.',
            }),
          ),
          remoteWrite: Type.Optional(Type.Array(RemoteWriteSchema, { description: 'Where Prometheus ships its samples (remote_write), e.g. Mimir or Thanos Receive.' })),
        },
        closed,
      ),
    ),
    kubernetes: Type.Optional(KubernetesSettingsSchema),
    online: Type.Optional(OnlineSchema),
    mimir: Type.Optional(
      Type.Object(
        {
          namespaces: Type.Optional(Type.Enum(['service', 'team'], { description: 'One ruler namespace per service or per team. Default: service.' })),
          maxRulesPerGroup: Type.Optional(
            Type.Integer({ minimum: 0, description: "The tenant's ruler_max_rules_per_rule_group: the most rules Mimir takes in one rule group (0: no limit, Cortex's default). Default: 20, Mimir's default." }),
          ),
        },
        { ...closed, description: 'The mimir target: one mimirtool rule file per ruler namespace.' },
      ),
    ),
    thanos: Type.Optional(
      Type.Object(
        {
          partialResponseStrategy: Type.Optional(Type.Enum(['warn', 'abort'], { description: 'partial_response_strategy of every rule group without its own. Default: abort (Thanos\' own).' })),
        },
        { ...closed, description: 'The thanos target: rule files for the Thanos ruler.' },
      ),
    ),
    typescript: Type.Optional(
      Type.Object(
        {
          timeout: Type.Optional(Duration('How long TS definitions may take to load before the build gives up with ts/load-error. Default: 10s.')),
        },
        { ...closed, description: 'How TS definitions are run.' },
      ),
    ),
    runbooks: Type.Optional(
      Type.Object(
        {
          url: Type.String({
            pattern: '^https?://',
            description: 'Where out/docs/runbooks is published, e.g. https://github.com/acme/monitoring/blob/main/out/docs/runbooks. An alert with runbookText gets runbook_url <url>/<alert>.md.',
          }),
        },
        { ...closed, description: 'The runbook pages monc writes from runbookText.' },
      ),
    ),
    grafana: Type.Optional(
      Type.Object(
        {
          url: Type.Optional(Type.String({ pattern: '^https?://', description: 'Grafana\'s base URL, for dashboard_url annotations, e.g. https://grafana.example.com.' })),
          prometheusUrl: Type.Optional(Type.String({ pattern: '^https?://', description: 'The Prometheus URL Grafana queries, for the provisioned datasource. Default: http://prometheus:9090.' })),
        },
        closed,
      ),
    ),
    cardinality: Type.Optional(
      Type.Object(
        {
          maxLabelValues: Type.Optional(Type.Integer({ minimum: 1, description: 'The most values a label should take. Default: 100.' })),
          seriesPerMetric: Type.Optional(Type.Integer({ minimum: 1, description: 'Series budget of one metric, and of one rule output. Default: 10000.' })),
          seriesPerService: Type.Optional(Type.Integer({ minimum: 1, description: 'Series budget of one service. Default: 100000.' })),
          seriesTotal: Type.Optional(Type.Integer({ minimum: 1, description: 'Series budget of all definitions together. Default: 1000000.' })),
        },
        { ...closed, description: 'Limits for the cardinality checks.' },
      ),
    ),
    checks: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Enum(['off', 'error', 'warning', 'info'], {
          description: 'The severity of every finding of this check, or off to drop them.',
        }),
        {
          description:
            'Per-check settings by check id (monc explain CHECK-ID): error, warning or info replaces the default severity; off drops the check. The load and ts checks, promql/syntax and config/unknown-check cannot be changed.',
          additionalProperties: false,
        },
      ),
    ),
  },
  { ...closed, $id: 'https://monc.dev/schemas/config.schema.json', title: 'monc config' },
);

/** Every schema published in schemas/, by file name. */
export const PUBLISHED_SCHEMAS = {
  'service.schema.json': ServiceFileSchema,
  'metrics.schema.json': MetricsFileSchema,
  'routing.schema.json': RoutingFileSchema,
  'dashboard.schema.json': DashboardFileSchema,
  'config.schema.json': ConfigSchema,
} as const;
