/**
 * `monc init [--force] [DIR]`: scaffold a monitoring repo: package.json, tsconfig.json,
 * monc.config.yaml, an example definition, a GitHub Actions workflow and .gitignore.
 * Every file is fixed text (the package name comes from DIR's name), so the same DIR always
 * gets the same bytes.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EXIT, type CliIo } from './io.ts';
import { moncVersion, PACKAGE_NAME } from './version.ts';

export interface InitOptions {
  readonly force: boolean;
  /** The project folder, relative to the working directory; created when missing. */
  readonly dir?: string;
}

/** The files monc init owns: it refuses to overwrite them without --force. In writing order. */
export const INIT_FILES = ['package.json', 'tsconfig.json', 'monc.config.yaml', 'definitions/example.ts', '.github/workflows/monitoring.yml'] as const;

const SCRIPTS = { build: 'monc build', lint: 'monc lint', check: 'monc build --check', test: 'monc test' } as const;

interface Write {
  readonly file: string;
  readonly text: string;
  readonly verb: string;
}

export async function initCommand(io: CliIo, options: InitOptions): Promise<number> {
  const root = path.resolve(io.cwd, options.dir ?? '.');
  const shown = displayPath(io.cwd, root);
  const rootKind = await kind(root);
  if (rootKind === 'file') {
    io.stderr.write(`monc: ${shown} is a file, not a folder\n`);
    return EXIT.usage;
  }

  const existing: string[] = [];
  const folders: string[] = [];
  for (const file of INIT_FILES) {
    const found = await kind(path.join(root, file));
    if (found === 'folder') folders.push(file);
    else if (found === 'file') existing.push(file);
  }
  if (folders.length > 0) {
    io.stderr.write(`monc: these are folders where monc init writes files; nothing was written:\n${list(folders, shown)}`);
    return EXIT.usage;
  }
  if (existing.length > 0 && !options.force) {
    io.stderr.write(
      `monc: ${shown === '.' ? 'this folder' : shown} already has files monc init writes; nothing was written:\n${list(existing, shown)}` +
        'Rerun with --force to overwrite them (package.json is updated, not replaced; other files are kept).\n',
    );
    return EXIT.usage;
  }

  const version = moncVersion();
  const existingPackage = existing.includes('package.json') ? await readFile(path.join(root, 'package.json'), 'utf8') : undefined;
  let packageJson: string;
  try {
    packageJson = existingPackage === undefined ? newPackageJson(packageName(root), version) : updatedPackageJson(existingPackage, version);
  } catch (error) {
    io.stderr.write(`monc: ${displayFile(shown, 'package.json')} ${(error as Error).message}; nothing was written\n`);
    return EXIT.failed;
  }
  const contents: Record<(typeof INIT_FILES)[number], string> = {
    'package.json': packageJson,
    'tsconfig.json': TSCONFIG,
    'monc.config.yaml': CONFIG,
    'definitions/example.ts': EXAMPLE,
    '.github/workflows/monitoring.yml': WORKFLOW,
  };
  const writes: Write[] = INIT_FILES.map((file) => ({
    file,
    text: contents[file],
    verb: !existing.includes(file) ? 'created' : file === 'package.json' ? 'updated' : 'overwrote',
  }));

  const gitignore = await gitignoreUpdate(path.join(root, '.gitignore'));
  if (gitignore.write) writes.push(gitignore.write);

  for (const { file, text } of writes) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }

  const width = Math.max(...writes.map((w) => w.verb.length), gitignore.note ? 'kept'.length : 0);
  const lines = writes.map((w) => `  ${w.verb.padEnd(width)} ${displayFile(shown, w.file)}${w.file === '.gitignore' ? ' (node_modules/)' : ''}\n`);
  if (gitignore.note) lines.push(`  ${'kept'.padEnd(width)} ${displayFile(shown, '.gitignore')} (${gitignore.note})\n`);
  io.stdout.write(
    `monc: scaffolded a monitoring repo in ${shown === '.' ? 'this folder' : `${shown}/`}\n` +
      lines.join('') +
      '\nNext steps:\n' +
      (shown === '.' ? '' : `  cd ${shown}\n`) +
      '  npm install      # installs monc; commit package-lock.json (CI runs npm ci)\n' +
      '  npm run build    # compiles definitions/ into out/; commit out/ too\n' +
      '  npm test         # proves out/ with promtool and amtool (Debian/Ubuntu: apt-get install prometheus prometheus-alertmanager)\n' +
      '\nThen replace definitions/example.ts with your own services. CI (.github/workflows/monitoring.yml)\n' +
      'lints every pull request, checks that out/ is current (npm run check) and tests it (npm test).\n',
  );
  return EXIT.ok;
}

async function kind(file: string): Promise<'file' | 'folder' | undefined> {
  try {
    return (await stat(file)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function displayPath(cwd: string, root: string): string {
  const relative = path.relative(cwd, root);
  if (relative === '') return '.';
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? root : relative;
  return shown.split(path.sep).join('/');
}

function displayFile(shown: string, file: string): string {
  return shown === '.' ? file : `${shown}/${file}`;
}

function list(files: readonly string[], shown: string): string {
  return files.map((file) => `  ${displayFile(shown, file)}\n`).join('');
}

/** npm's rules for a package name, from the folder's name. */
function packageName(root: string): string {
  const name = path
    .basename(root)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '')
    .slice(0, 214);
  return name === '' || name === 'node_modules' || name === 'favicon.ico' ? 'monitoring' : name;
}

function newPackageJson(name: string, version: string): string {
  // The exact version: a different monc could compile different bytes, and CI checks out/.
  const manifest = { name, private: true, type: 'module', scripts: { ...SCRIPTS }, devDependencies: { [PACKAGE_NAME]: version } };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** --force on an existing package.json: set monc's keys, keep every other one. */
function updatedPackageJson(text: string, version: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON');
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('is not a JSON object');
  const current = manifest as Record<string, unknown>;
  const record = (key: string): Record<string, unknown> => {
    const value = current[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  const inDependencies = PACKAGE_NAME in record('dependencies');
  const updated: Record<string, unknown> = {
    ...current,
    private: true,
    type: 'module',
    // The project's own test script stays; monc test is one command away.
    scripts: { ...record('scripts'), ...SCRIPTS, ...('test' in record('scripts') && { test: record('scripts')['test'] }) },
    ...(inDependencies ? { dependencies: { ...record('dependencies'), [PACKAGE_NAME]: version } } : { devDependencies: { ...record('devDependencies'), [PACKAGE_NAME]: version } }),
  };
  return `${JSON.stringify(updated, null, 2)}\n`;
}

/** node_modules/ in .gitignore: appended when no line ignores it yet. */
async function gitignoreUpdate(file: string): Promise<{ write?: Write; note?: string }> {
  const current = existsSync(file) ? await readFile(file, 'utf8') : undefined;
  if (current === undefined) return { write: { file: '.gitignore', text: 'node_modules/\n', verb: 'created' } };
  const ignored = current.split(/\r?\n/).some((line) => /^(\/|\*\*\/)?node_modules\/?$/.test(line.trim()));
  if (ignored) return { note: 'already ignores node_modules' };
  const separator = current === '' || current.endsWith('\n') ? '' : '\n';
  return { write: { file: '.gitignore', text: `${current}${separator}node_modules/\n`, verb: 'appended' } };
}

// ── The scaffold ─────────────────────────────────────────────────────────────────────────

// What monc's own type check uses, so the editor reports what `monc build` reports.
// allowImportingTsExtensions: monc's types are TS sources whose imports end in .ts.
const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'es2022',
      lib: ['es2022'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
      strict: true,
      noUncheckedIndexedAccess: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      noEmit: true,
      // monc resolves `import … from 'monc'` itself; editors find the same API here.
      paths: { monc: ['./node_modules/monc-compiler/src/api/index.ts'] },
    },
    include: ['definitions'],
  },
  null,
  2,
)}\n`;

const CONFIG = `# yaml-language-server: $schema=node_modules/monc-compiler/schemas/config.schema.json
# monc's settings. Every field is optional; the reference is the "Config file" section of
# node_modules/monc-compiler/docs/definitions.md (after npm install).
definitions: definitions
out: out
prometheus:
  version: 2                # the Prometheus major version you run: 2 or 3
  # Your Prometheus' --storage.tsdb.retention.time. Every SLO window must fit in it: SLOs
  # default to a 30d window, so run Prometheus with at least 30d (its own default is 15d).
  retention: 30d
  # scrapeInterval: 15s
  # evaluationInterval: 30s
  # alertmanagers: ["alertmanager:9093"]
  # externalLabels: { cluster: prod }
# grafana:
#   url: https://grafana.example.com          # alerts link to their dashboards
#   prometheusUrl: http://prometheus:9090     # the provisioned Prometheus data source
# checks:                   # per-check severity: error, warning, info, or off
#   alert/runbook: warning
`;

const EXAMPLE = `/**
 * An example service, to replace with your own: a metric, a recording rule, an alert and an
 * SLO. \`monc build\` checks every expression against the metrics declared here and writes
 * out/prometheus/rules/example.yml. The reference is node_modules/monc-compiler/docs/definitions.md.
 */
import { defineMetric, defineRecordingRule, defineService } from 'monc';

// A metric is declared once, with a bound on every label (its values, or a pattern and a
// count), so monc can check the expressions that use it and estimate its series.
const requests = defineMetric({
  name: 'example_http_requests_total',
  type: 'counter',
  help: 'HTTP requests handled, by method and status code.',
  labels: {
    method: { values: ['GET', 'POST'] },
    code: { pattern: '[1-5][0-9][0-9]', maxValues: 20 },
  },
});

// Recording rules are named level:metric:operations.
const errorRatio = defineRecordingRule({
  record: 'job:example_http_request_errors_per_requests:ratio_rate5m',
  expr: \`sum by (job) (rate(\${requests.where({ code: /5../ })}[5m])) / sum by (job) (rate(\${requests}[5m]))\`,
});

defineService({
  name: 'example',
  team: 'platform',
  scrape: { targets: ['example:8080'] },
  metrics: [requests],
  recordingRules: [errorRatio],
  alerts: [
    {
      name: 'ExampleHighErrorRate',
      expr: \`\${errorRatio.record} > 0.05\`,
      for: '10m',
      severity: 'warning',
      summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} of requests fail with 5xx',
      runbook: 'https://runbooks.example.com/example-high-error-rate',
    },
  ],
  // monc turns an SLO into SLI recording rules, burn-rate alerts and promtool tests.
  slos: [
    {
      name: 'availability',
      description: 'Requests succeed.',
      objective: 99.5,
      // The window must fit in prometheus.retention (monc.config.yaml).
      window: '14d',
      sli: {
        ratio: {
          errors: \`\${requests.where({ code: /5../ })}\`,
          total: \`\${requests}\`,
        },
      },
      runbook: 'https://runbooks.example.com/example-availability',
    },
  ],
});
`;

const WORKFLOW = `# Generated by monc init. Lints the monitoring definitions on every push and pull request,
# uploads the findings to code scanning, checks that the committed out/ is current, and
# proves it with Prometheus' and Alertmanager's own tools (monc test).
name: monitoring

on:
  push:
  pull_request:

permissions:
  contents: read
  security-events: write # upload-sarif
  actions: read # upload-sarif, in private repositories

jobs:
  monc:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4

      - uses: actions/setup-node@v4
        with:
          node-version: 20

      - name: Install dependencies
        run: |
          if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then
            npm ci
          else
            npm install
          fi

      - name: Install promtool and amtool
        run: |
          sudo apt-get update -q
          sudo apt-get install -y -q --no-install-recommends prometheus prometheus-alertmanager

      - name: Lint definitions
        id: lint
        # The findings are uploaded first; "Fail on lint errors" fails the job afterwards.
        continue-on-error: true
        run: npx monc lint --format sarif > monc.sarif

      - name: Upload findings to code scanning
        # Code scanning must be enabled for the repository, and pull requests from forks get
        # no write token: a failed upload does not fail the job, the lint result does.
        continue-on-error: true
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: monc.sarif
          category: monc

      - name: Fail on lint errors
        if: steps.lint.outcome == 'failure'
        run: |
          echo "::error::monc lint found errors; run 'npx monc lint' locally to see them"
          exit 1

      - name: Check out/ is current
        run: npx monc build --check

      - name: Test out/ with promtool and amtool
        run: npx monc test
`;
