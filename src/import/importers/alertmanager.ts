/**
 * An Alertmanager configuration (alertmanager.yml, 0.25) as monc's routing: the route tree with
 * its matchers in every syntax Alertmanager reads (`match`, `match_re`, `matchers`), grouping,
 * `continue` and time intervals; the receivers' integrations monc has, field by field; inhibit
 * rules in the old and the new syntax; time intervals. A secret written inline is never copied:
 * the definitions name a file for it, and a finding says what to put there. What monc has no
 * place for (an integration type, a field, `http_config`) is one finding at its line, and the
 * rest is still imported.
 */
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import type { InhibitRuleSpec, ReceiverSpec, RouteSpec, RoutingSpec, TemplateSpec, TimeIntervalSpec } from '../../api/types.gen.ts';
import { urlSecret } from '../../checks/routing-inline-secret.ts';
import type { Finding, Span } from '../../diagnostic.ts';
import { scalarText } from '../../load/formats/rule-files/rule-file.ts';
import { importedSecretPath, LABEL } from '../../model/conventions.ts';
import { formatMatcher, type LabelMatcher, type MatchOp } from '../../routing/matchers.ts';
import { IMPORT_CHECKS, importFinding } from '../findings.ts';
import type { ImportContext, ImportedRouting, Importer, SourceDocument } from '../importer.ts';
import { Fields, SourceNodes } from '../source-nodes.ts';

export const alertmanagerImporter: Importer = {
  kind: 'alertmanager',
  reads: 'an Alertmanager configuration (alertmanager.yml)',
  detect(document) {
    const root = new SourceNodes(document).node(document.doc.contents);
    return isMap(root) && root.has('route') && root.has('receivers');
  },
  import(document, context) {
    return new AlertmanagerImport(document, context).run();
  },
};

/** monc's receiver and time interval names (the schema's pattern); Alertmanager takes any string. */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** monc's matcher label names; Alertmanager's `matchers` also take `:`. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Route labels monc writes as shorthand fields (`severity: critical`) when they are matched by equality. */
const SHORTHAND = [LABEL.severity, LABEL.team, LABEL.service] as const;

/** Alertmanager's integrations that monc has, by their key in a receiver. */
const INTEGRATIONS = {
  pagerduty_configs: 'pagerduty',
  slack_configs: 'slack',
  email_configs: 'email',
  webhook_configs: 'webhook',
  opsgenie_configs: 'opsgenie',
} as const;

type Kind = (typeof INTEGRATIONS)[keyof typeof INTEGRATIONS];
type IntegrationSpec = NonNullable<ReceiverSpec[Kind]>[number];

/** An integration's place: its receiver (as written, and as imported) and its index among the receiver's integrations of its kind. */
interface Place {
  readonly written: string;
  readonly receiver: string;
  readonly index: number;
}

/** A secret field of an integration, and its file: `<receiver>-<kind>[-<n>]-<field>`. */
function secretOf(kind: Kind, at: Place, inline: string, file: string, field: string, suffix: string): Secret {
  const stem = `${at.receiver}-${kind}${at.index > 0 ? `-${at.index + 1}` : ''}`;
  return { owner: `receiver "${at.written}" ${kind}_configs: `, inline, file, field, name: `${stem}-${suffix}` };
}

/** A secret field of the source, the monc field that names its file instead, and the file's name. */
interface Secret {
  /** Whose field it is, for the finding: `receiver "pager" pagerduty_configs: `, or nothing for global. */
  readonly owner: string;
  readonly inline: string;
  readonly file: string;
  readonly field: string;
  readonly name: string;
}

class AlertmanagerImport {
  readonly #nodes: SourceNodes;
  readonly #findings: Finding[] = [];
  readonly #parts = new Map<string, Span>();
  /** Receiver and time interval names monc does not take, and the names they are imported as. */
  readonly #receiverNames = new Map<string, string>();
  readonly #intervalNames = new Map<string, string>();
  readonly #secretFiles = new Set<string>();
  /** The receivers' names as the file writes them, which its routes name. */
  #receiversWritten: ReadonlySet<string> = new Set();
  /** The global section names a Slack API URL, which integrations without their own use. */
  #globalSlackUrl = false;

  constructor(
    private readonly document: SourceDocument,
    private readonly context: ImportContext,
  ) {
    this.#nodes = new SourceNodes(document);
  }

  run(): { definitions: ImportedRouting[]; findings: Finding[] } {
    const root = this.#nodes.node(this.document.doc.contents);
    if (!isMap(root)) return { definitions: [], findings: this.#findings };
    const top = new Fields(this.#nodes, root);
    const receiverNodes = top.items('receivers').filter(isMap);
    this.#receiversWritten = new Set(receiverNodes.map((node) => scalarText(this.#nodes.node(node.get('name', true))) ?? ''));
    this.names(receiverNodes, this.#receiverNames, 'receiver', 'routes that name it');
    const intervalNodes = [...top.items('time_intervals'), ...top.items('mute_time_intervals')].filter(isMap);
    this.names(intervalNodes, this.#intervalNames, 'time interval', 'routes that mute or activate it');

    const globalNode = top.node('global');
    const global = isMap(globalNode) ? this.global(new Fields(this.#nodes, globalNode)) : { spec: undefined, smtp: {} };
    this.#globalSlackUrl = global.spec?.slackApiUrlFile !== undefined;
    const routeNode = top.node('route');
    const route = isMap(routeNode) ? this.route(new Fields(this.#nodes, routeNode), 'route') : { receiver: '' };
    const receivers = receiverNodes.map((node, i) => this.receiver(new Fields(this.#nodes, node), i, global.smtp));
    const inhibitRules = this.inhibitRules(top);
    const timeIntervals = intervalNodes.map((node, i) => this.timeInterval(new Fields(this.#nodes, node), i));
    const templates = this.templates(top);
    this.losses(top, (key) => `${key} is not imported: monc's routing has no such setting`);

    const spec: RoutingSpec = {
      ...(global.spec && { global: global.spec }),
      route,
      receivers,
      ...(inhibitRules.length > 0 && { inhibitRules }),
      ...(timeIntervals.length > 0 && { timeIntervals }),
      ...(templates.length > 0 && { templates }),
    };
    const routes = countRoutes(route) - 1;
    const summary = `routing: ${count(receivers.length, 'receiver')}, ${count(routes, 'route')} below the root, ${count(inhibitRules.length, 'inhibit rule')}`;
    return { definitions: [{ kind: 'routing', spec, from: this.#nodes.span(root), parts: this.#parts, summary }], findings: this.#findings };
  }

  private finding(check: (typeof IMPORT_CHECKS)[keyof typeof IMPORT_CHECKS], at: Span | Node, message: string): void {
    this.#findings.push(importFinding(check, 'file' in at ? at : this.#nodes.span(at), message));
  }

  /** One loss per key of the map that was not imported. */
  private losses(fields: Fields, message: (key: string) => string): void {
    for (const { key, at } of fields.unread()) this.finding(IMPORT_CHECKS.loss, at, message(key));
  }

  /**
   * Names monc does not take (an operator's `namespace/config/receiver`), renamed with "-" for
   * the characters it refuses, free among the others; a finding for each.
   */
  private names(nodes: readonly YAMLMap[], renamed: Map<string, string>, what: string, users: string): void {
    const written = nodes.map((node) => scalarText(this.#nodes.node(node.get('name', true))) ?? '');
    const taken = new Set(written.filter((name) => NAME.test(name)));
    nodes.forEach((node, i) => {
      const name = written[i] ?? '';
      if (NAME.test(name) || renamed.has(name)) return;
      const base = name.replace(/[^a-zA-Z0-9_.-]+/g, '-').replace(/^[^a-zA-Z0-9]+/, '') || what.replace(/ /g, '-');
      let free = base;
      for (let n = 2; taken.has(free); n++) free = `${base}-${n}`;
      taken.add(free);
      renamed.set(name, free);
      this.finding(
        IMPORT_CHECKS.loss,
        this.#nodes.node(node.get('name', true)) ?? node,
        `${what} "${name}" is imported as "${free}": monc's ${what} names are letters, digits, "_", "." and "-", starting with a letter or digit; the ${users} are renamed with it`,
      );
    });
  }

  private global(fields: Fields): { spec: RoutingSpec['global']; smtp: SmtpDefaults } {
    const resolveTimeout = fields.text('resolve_timeout');
    const smtp: SmtpDefaults = {
      ...optional('smarthost', fields.text('smtp_smarthost')),
      ...optional('from', fields.text('smtp_from')),
      ...optional('authUsername', fields.text('smtp_auth_username')),
      ...optional('authPasswordFile', this.secret(fields, { owner: 'global ', inline: 'smtp_auth_password', file: 'smtp_auth_password_file', field: 'smtp.authPasswordFile', name: 'smtp-auth-password' })),
      ...optional('requireTls', fields.bool('smtp_require_tls')),
    };
    const slackApiUrlFile = this.secret(fields, { owner: 'global ', inline: 'slack_api_url', file: 'slack_api_url_file', field: 'slackApiUrlFile', name: 'slack-api-url' });
    const opsgenieApiKeyFile = this.secret(fields, { owner: 'global ', inline: 'opsgenie_api_key', file: 'opsgenie_api_key_file', field: 'opsgenieApiKeyFile', name: 'opsgenie-api-key' });
    const complete = smtp.smarthost !== undefined && smtp.from !== undefined;
    if (!complete && Object.keys(smtp).length > 0) {
      const written = fields.map.items.find((pair) => /^smtp_/.test(scalarText(this.#nodes.node(pair.key)) ?? ''));
      this.finding(
        IMPORT_CHECKS.guess,
        this.#nodes.node(written?.key) ?? fields.map,
        `the global SMTP settings have no ${smtp.smarthost === undefined ? 'smtp_smarthost' : 'smtp_from'}, which monc's global smtp needs; they are written into each email integration that does not set them itself`,
      );
    }
    this.losses(fields, (key) => `global ${key} is not imported: monc's routing global settings have no such field`);
    const spec = {
      ...optional('resolveTimeout', resolveTimeout),
      ...(complete && { smtp: { ...smtp, smarthost: smtp.smarthost ?? '', from: smtp.from ?? '' } }),
      ...optional('slackApiUrlFile', slackApiUrlFile),
      ...optional('opsgenieApiKeyFile', opsgenieApiKeyFile),
    };
    return { spec: Object.keys(spec).length > 0 ? spec : undefined, smtp: complete ? {} : smtp };
  }

  /**
   * A secret field: its `_file` form as it is, or, written inline, the file monc names instead
   * (never the secret itself) with a finding that says what to put there.
   */
  private secret(fields: Fields, secret: Secret): string | undefined {
    const file = fields.text(secret.file);
    if (file !== undefined) return file;
    if (fields.text(secret.inline) === undefined) return undefined;
    let path = importedSecretPath(secret.name);
    for (let n = 2; this.#secretFiles.has(path); n++) path = importedSecretPath(`${secret.name}-${n}`);
    this.#secretFiles.add(path);
    this.finding(
      IMPORT_CHECKS.secret,
      fields.at(secret.inline),
      `${secret.owner}${secret.inline} holds a secret inline; it is not copied: write it to ${path} on the Alertmanager host, the file ${secret.field} now names, and remove it from this file`,
    );
    return path;
  }

  private route(fields: Fields, path: string): RouteSpec {
    this.#parts.set(path, this.#nodes.span(fields.map));
    const matchers = [...this.equalities(fields, 'match', '='), ...this.equalities(fields, 'match_re', '=~'), ...this.matchers(fields, 'matchers')];
    const shorthand: Partial<Record<(typeof SHORTHAND)[number], string>> = {};
    const written = matchers.filter((m) => {
      const label = SHORTHAND.find((name) => name === m.label);
      if (m.op !== '=' || label === undefined || shorthand[label] !== undefined || m.value === '') return true;
      shorthand[label] = m.value;
      return false;
    });
    const receiver = fields.text('receiver');
    if (receiver !== undefined && !this.#receiversWritten.has(receiver)) {
      this.finding(IMPORT_CHECKS.guess, fields.at('receiver'), `receiver "${receiver}" is not one of the file's receivers, so Alertmanager refuses the file (amtool: undefined receiver); it is imported as it is, and monc lint reports routing/unknown-receiver until one of that name is added`);
    }
    const groupBy = fields.strings('group_by');
    const mute = fields.strings('mute_time_intervals');
    const active = fields.strings('active_time_intervals');
    const routes = fields.items('routes').flatMap((node, i) => (isMap(node) ? [this.route(new Fields(this.#nodes, node), `${path}.routes.${i}`)] : []));
    const spec: RouteSpec = {
      ...optional('receiver', receiver === undefined ? undefined : (this.#receiverNames.get(receiver) ?? receiver)),
      ...shorthand,
      ...(written.length > 0 && { matchers: written.map(formatMatcher) }),
      ...optional('groupBy', groupBy),
      ...optional('groupWait', fields.text('group_wait')),
      ...optional('groupInterval', fields.text('group_interval')),
      ...optional('repeatInterval', fields.text('repeat_interval')),
      ...(fields.bool('continue') === true && { continue: true }),
      ...(mute && mute.length > 0 && { muteTimeIntervals: mute.map((name) => this.#intervalNames.get(name) ?? name) }),
      ...(active && active.length > 0 && { activeTimeIntervals: active.map((name) => this.#intervalNames.get(name) ?? name) }),
      ...(routes.length > 0 && { routes }),
    };
    this.losses(fields, (key) => `route key ${key} is not imported: monc's routes have no such field`);
    return spec;
  }

  /** `match: { label: value }` and `match_re: { label: regex }`: the old syntax, one matcher per label. */
  private equalities(fields: Fields, key: string, op: MatchOp): LabelMatcher[] {
    const node = fields.node(key);
    if (!isMap(node)) return [];
    return this.#nodes.pairs(node).flatMap(({ key: label, keyNode, value }) => {
      if (!LABEL_NAME.test(label)) {
        this.finding(IMPORT_CHECKS.loss, keyNode, `the matcher on label "${label}" is not imported: monc's matchers name labels of letters, digits and "_"`);
        return [];
      }
      return [{ label, op, value: scalarText(value) ?? '' }];
    });
  }

  /** `matchers: ['a="b"', 'c=~d', '{e!="f",g!~"h"}']`: the new syntax, as Alertmanager 0.25 parses it. */
  private matchers(fields: Fields, key: string): LabelMatcher[] {
    const node = fields.node(key);
    if (!isSeq(node)) return [];
    return node.items.flatMap((item) => {
      const itemNode = this.#nodes.node(item);
      const parsed = parseMatchers(scalarText(itemNode) ?? '');
      if (typeof parsed === 'string') {
        this.finding(IMPORT_CHECKS.loss, itemNode ?? node, `the matcher is not imported: ${parsed}`);
        return [];
      }
      return parsed.filter((m) => {
        if (LABEL_NAME.test(m.label)) return true;
        this.finding(IMPORT_CHECKS.loss, itemNode ?? node, `the matcher on label "${m.label}" is not imported: monc's matchers name labels of letters, digits and "_"`);
        return false;
      });
    });
  }

  private receiver(fields: Fields, index: number, smtp: SmtpDefaults): ReceiverSpec {
    this.#parts.set(`receivers.${index}`, this.#nodes.span(fields.map));
    const written = fields.text('name') ?? '';
    const name = this.#receiverNames.get(written) ?? written;
    const integrations: Partial<Record<Kind, IntegrationSpec[]>> = {};
    for (const [key, kind] of Object.entries(INTEGRATIONS)) {
      const configs = fields.items(key).flatMap((node, i) => {
        if (!isMap(node)) return [];
        const config = new Fields(this.#nodes, node);
        const what = `receiver "${written}" ${key}`;
        const imported = this.integration(kind, config, { written, receiver: name, index: i }, what, smtp);
        if (!imported) return [];
        this.losses(config, (field) => `${what}: ${field} is not imported: monc's ${kind} integration has no such field`);
        return [imported];
      });
      if (configs.length > 0) integrations[kind] = configs;
    }
    this.losses(fields, (key) =>
      /_configs$/.test(key)
        ? `receiver "${written}": its ${key} are not imported: monc has no ${key.replace(/_configs$/, '')} integration (it has ${Object.values(INTEGRATIONS).join(', ')}); the receiver is kept without them`
        : `receiver "${written}": ${key} is not imported: monc's receivers have no such field`,
    );
    // Each list holds the integrations of its own kind: integration() maps kind to kind.
    return { name, ...(integrations as Omit<ReceiverSpec, 'name'>) };
  }

  /** One integration of a receiver, field by field; undefined when monc cannot send it as the source does. */
  private integration(kind: Kind, f: Fields, at: Place, what: string, smtp: SmtpDefaults): IntegrationSpec | undefined {
    const secret = (inline: string, file: string, field: string, suffix: string) => this.secret(f, secretOf(kind, at, inline, file, field, suffix));
    const sendResolved = optional('sendResolved', f.bool('send_resolved'));
    switch (kind) {
      case 'pagerduty':
        return {
          ...optional('routingKeyFile', secret('routing_key', 'routing_key_file', 'routingKeyFile', 'routing-key')),
          ...optional('serviceKeyFile', secret('service_key', 'service_key_file', 'serviceKeyFile', 'service-key')),
          ...optional('severity', f.text('severity')),
          ...optional('description', f.text('description')),
          ...sendResolved,
        };
      case 'slack': {
        const apiUrlFile = secret('api_url', 'api_url_file', 'apiUrlFile', 'api-url');
        const channel = f.text('channel');
        if (channel === undefined) {
          const why =
            apiUrlFile === undefined && !this.#globalSlackUrl
              ? "it has no API URL (api_url, api_url_file or the global slack_api_url), without which Alertmanager refuses the file, and no channel, which monc's slack integration needs"
              : "it names no channel (Slack posts to the webhook's own), and monc's slack integration needs one";
          this.finding(IMPORT_CHECKS.loss, f.map, `${what}: the Slack integration is not imported: ${why}`);
          return undefined;
        }
        return { channel, ...optional('apiUrlFile', apiUrlFile), ...optional('title', f.text('title')), ...optional('text', f.text('text')), ...sendResolved };
      }
      case 'email':
        return {
          to: f.text('to') ?? '',
          ...optional('from', f.text('from') ?? smtp.from),
          ...optional('smarthost', f.text('smarthost') ?? smtp.smarthost),
          ...optional('authUsername', f.text('auth_username') ?? smtp.authUsername),
          ...optional('authPasswordFile', secret('auth_password', 'auth_password_file', 'authPasswordFile', 'auth-password') ?? smtp.authPasswordFile),
          ...optional('requireTls', f.bool('require_tls') ?? smtp.requireTls),
          ...sendResolved,
        };
      case 'webhook':
        return this.webhook(f, at, what, sendResolved);
      case 'opsgenie':
        return {
          ...optional('apiKeyFile', secret('api_key', 'api_key_file', 'apiKeyFile', 'api-key')),
          ...optional('priority', f.text('priority')),
          ...optional('message', f.text('message')),
          ...sendResolved,
        };
    }
  }

  /** A webhook: its URL (unless it carries a secret), basic auth from http_config, max_alerts. */
  private webhook(f: Fields, at: Place, what: string, sendResolved: { sendResolved?: boolean }): IntegrationSpec | undefined {
    const url = f.text('url');
    const http = f.node('http_config');
    const auth = isMap(http) ? new Fields(this.#nodes, http) : undefined;
    const basic = auth?.node('basic_auth');
    const basicAuth = isMap(basic) ? new Fields(this.#nodes, basic) : undefined;
    const username = basicAuth?.text('username');
    const passwordFile = basicAuth && this.secret(basicAuth, secretOf('webhook', at, 'password', 'password_file', 'passwordFile', 'password'));
    if (basicAuth) this.losses(basicAuth, (key) => `${what}: http_config.basic_auth ${key} is not imported: monc's webhook takes a username and a password file`);
    if (auth) this.losses(auth, (key) => `${what}: http_config ${key} is not imported: monc's webhook takes basic auth only`);
    if (url === undefined) {
      this.finding(IMPORT_CHECKS.loss, f.map, `${what}: the webhook is not imported: it has no url, and monc's webhook needs one (Alertmanager 0.25 has no url_file)`);
      return undefined;
    }
    const problem = urlSecret(url);
    if (problem) {
      this.finding(IMPORT_CHECKS.secret, f.at('url'), `${what}: the webhook is not imported: its URL carries ${problem.what}, and monc never copies a secret; ${problem.fix}`);
      return undefined;
    }
    return { url, ...optional('username', username), ...optional('passwordFile', passwordFile), ...optional('maxAlerts', f.integer('max_alerts')), ...sendResolved };
  }

  /** The inhibit rules, each with the comment above it (the first one's is the list's) as its description. */
  private inhibitRules(top: Fields): InhibitRuleSpec[] {
    const list = top.node('inhibit_rules');
    if (!isSeq(list)) return [];
    return list.items.flatMap((item, i) => {
      const node = this.#nodes.node(item);
      if (!isMap(node)) return [];
      const comment = node.commentBefore ?? (i === 0 ? list.commentBefore : undefined);
      const description = comment
        ?.split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' ');
      return [this.inhibitRule(new Fields(this.#nodes, node), i, description || undefined)];
    });
  }

  private inhibitRule(fields: Fields, index: number, description: string | undefined): InhibitRuleSpec {
    this.#parts.set(`inhibitRules.${index}`, this.#nodes.span(fields.map));
    const side = (prefix: 'source' | 'target') =>
      [...this.equalities(fields, `${prefix}_match`, '='), ...this.equalities(fields, `${prefix}_match_re`, '=~'), ...this.matchers(fields, `${prefix}_matchers`)].map(formatMatcher);
    const sourceMatchers = side('source');
    const targetMatchers = side('target');
    const equal = fields.strings('equal');
    this.losses(fields, (key) => `inhibit rule key ${key} is not imported: monc's inhibit rules have no such field`);
    return { sourceMatchers, targetMatchers, ...(equal && equal.length > 0 && { equal }), ...optional('description', description) };
  }

  private timeInterval(fields: Fields, index: number): TimeIntervalSpec {
    this.#parts.set(`timeIntervals.${index}`, this.#nodes.span(fields.map));
    const written = fields.text('name') ?? '';
    const intervals = fields.items('time_intervals').flatMap((node) => {
      if (!isMap(node)) return [];
      const range = new Fields(this.#nodes, node);
      const times = range.items('times').flatMap((time) => {
        if (!isMap(time)) return [];
        const t = new Fields(this.#nodes, time);
        const spec = { start: t.text('start_time') ?? '', end: t.text('end_time') ?? '' };
        this.losses(t, (key) => `time interval "${written}": times ${key} is not imported: monc's times have a start_time and an end_time`);
        return [spec];
      });
      const lower = (values: string[] | undefined) => values?.map((value) => value.toLowerCase());
      const spec = {
        ...(times.length > 0 && { times }),
        ...optional('weekdays', lower(range.strings('weekdays'))),
        ...optional('daysOfMonth', range.strings('days_of_month')),
        ...optional('months', lower(range.strings('months'))),
        ...optional('years', range.strings('years')),
        ...optional('location', range.text('location')),
      };
      this.losses(range, (key) => `time interval "${written}": ${key} is not imported: monc's time intervals have no such field`);
      return [spec];
    });
    this.losses(fields, (key) => `time interval "${written}": ${key} is not imported: monc's time intervals have a name and time_intervals`);
    return { name: this.#intervalNames.get(written) ?? written, intervals };
  }

  /**
   * The template files the globs name, read relative to the configuration as Alertmanager
   * does, each under its file name (monc loads templates/*.tmpl); a glob no file matches is a loss.
   */
  private templates(top: Fields): TemplateSpec[] {
    const node = top.node('templates');
    if (!isSeq(node)) return [];
    const templates: TemplateSpec[] = [];
    for (const item of node.items) {
      const itemNode = this.#nodes.node(item);
      const glob = scalarText(itemNode);
      if (glob === undefined || glob === '') continue;
      const files = this.context.files?.(glob, this.document.source.file) ?? [];
      if (files.length === 0) {
        this.finding(
          IMPORT_CHECKS.loss,
          itemNode ?? node,
          `the template files ${glob} are not imported: no file here matches it (a relative glob is read from the configuration's folder, as Alertmanager reads it); add each to the routing's templates (name, content), which monc writes to out/alertmanager/templates/ and loads from there`,
        );
      }
      for (const file of files) {
        const base = (file.path.split('/').pop() ?? 'template').replace(/\.tmpl$/, '');
        let name = `${base}.tmpl`;
        for (let n = 2; templates.some((t) => t.name === name); n++) name = `${base}-${n}.tmpl`;
        this.#parts.set(`templates.${templates.length}`, this.#nodes.span(itemNode ?? node));
        templates.push({ name, content: file.content });
      }
    }
    return templates;
  }
}

/** The global SMTP settings monc's global smtp cannot hold (it needs smarthost and from), for each email integration instead. */
interface SmtpDefaults {
  readonly smarthost?: string;
  readonly from?: string;
  readonly authUsername?: string;
  readonly authPasswordFile?: string;
  readonly requireTls?: boolean;
}

/** `{ key: value }`, or nothing when the value is undefined (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function countRoutes(route: RouteSpec): number {
  return 1 + (route.routes ?? []).reduce((n, child) => n + countRoutes(child), 0);
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** Alertmanager 0.25's matcher syntax (pkg/labels/parse.go): a label, an operator and a value, quoted or not. */
const AM_MATCHER = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/**
 * The matchers of one `matchers` string, as Alertmanager 0.25 reads it: optionally in braces,
 * several separated by commas outside quotes; or why it is no matcher.
 */
export function parseMatchers(text: string): LabelMatcher[] | string {
  const inner = text.replace(/^\{/, '').replace(/\}$/, '');
  const tokens: string[] = [];
  let token = '';
  let quoted = false;
  let escaped = false;
  for (const c of inner) {
    if (c === ',' && !quoted) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (!escaped) quoted = !quoted;
      else escaped = false;
    } else if (c === '\\') escaped = !escaped;
    else escaped = false;
    token += c;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  const matchers: LabelMatcher[] = [];
  for (const part of tokens) {
    const matcher = parseMatcher(part);
    if (typeof matcher === 'string') return matcher;
    matchers.push(matcher);
  }
  return matchers;
}

function parseMatcher(text: string): LabelMatcher | string {
  const match = AM_MATCHER.exec(text);
  if (!match) return `bad matcher format: ${text}`;
  const [, label = '', op = '=', raw = ''] = match;
  const quoted = raw.startsWith('"');
  const chars = [...(quoted ? raw.slice(1) : raw)];
  let value = '';
  let closed = !quoted;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '\\' && i < chars.length - 1) {
      const next = chars[++i] ?? '';
      value += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
    } else if (c === '"') {
      if (!quoted || i < chars.length - 1) return `matcher value contains unescaped double quote: ${raw}`;
      closed = true;
    } else value += c;
  }
  if (!closed) return `matcher value contains unescaped double quote: ${raw}`;
  return { label, op: op as MatchOp, value };
}
