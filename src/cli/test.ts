/**
 * `monc test`: prove what `monc build` wrote with the consumers' own tools. promtool checks
 * the rule files and prometheus.yml and runs every promtool test (monc's generated ones and
 * the author's); amtool checks alertmanager.yml and routes every alert monc generates,
 * verifying that it reaches the receivers monc says it does. A missing tool is a usage error
 * that says how to install it, never a skip.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { OUT_PATHS } from '../model/conventions.ts';
import { diffOut, isCurrent, recoverOut } from '../io/out-dir.ts';
import { formatPretty, summary } from '../report/pretty.ts';
import { EXIT, useColor, type CliIo } from './io.ts';
import { compileProject, type ProjectOptions } from './project.ts';

interface Step {
  readonly name: string;
  readonly tool: 'promtool' | 'amtool';
  readonly args: readonly string[];
}

const INSTALL =
  'install them with your package manager (Debian/Ubuntu: sudo apt-get install prometheus prometheus-alertmanager), or download promtool with Prometheus and amtool with Alertmanager from https://prometheus.io/download/ and put them on PATH';

export async function testCommand(io: CliIo, options: ProjectOptions): Promise<number> {
  const { project, result } = await compileProject(io, options);
  const out = project.shown(project.outDir);
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr.write(formatPretty(result.diagnostics, result.sources, useColor(io, io.stderr)));
    io.stderr.write(`monc: ${summary(result.diagnostics)}; fix them, then monc build, then monc test\n`);
    return EXIT.failed;
  }
  await recoverOut(project.outDir);
  if (!isCurrent(await diffOut(project.outDir, result.artifacts))) {
    io.stderr.write(`monc: ${out}/ does not match the definitions; run monc build first, so the tests test what the definitions say\n`);
    return EXIT.failed;
  }

  const steps = await stepsFor(project.outDir, result.expanded.alerts.filter((a) => a.routes.length > 0).map((a) => ({ labels: a.labels, receivers: a.routes.map((r) => r.receiver) })));
  const tools = { promtool: toolPath(io, 'promtool'), amtool: toolPath(io, 'amtool') };
  const missing = [...new Set(steps.map((s) => s.tool))].filter((tool) => tools[tool] === undefined);
  if (missing.length > 0) {
    io.stderr.write(`monc: monc test needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not on PATH; ${INSTALL}\n`);
    return EXIT.usage;
  }

  let failed = 0;
  for (const step of steps) {
    const run = await runTool(tools[step.tool] ?? step.tool, step.args, project.outDir);
    if (run.code === 0) io.stdout.write(`ok      ${step.name}\n`);
    else {
      failed++;
      io.stdout.write(`FAILED  ${step.name}\n${indent(run.output)}`);
    }
  }
  io.stdout.write(`monc test: ${steps.length - failed} of ${steps.length} passed${failed > 0 ? `, ${failed} failed` : ''}\n`);
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

interface RoutedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly receivers: readonly string[];
}

/** What there is to test in out/: each step runs with out/ as its working directory. */
async function stepsFor(outDir: string, alerts: readonly RoutedAlert[]): Promise<Step[]> {
  const files = async (dir: string) => (existsSync(path.join(outDir, dir)) ? (await readdir(path.join(outDir, dir))).filter((f) => f.endsWith('.yml')).sort().map((f) => `${dir}/${f}`) : []);
  const rules = await files('prometheus/rules');
  const tests = await files('prometheus/tests');
  const steps: Step[] = [];
  if (rules.length > 0) steps.push({ name: `promtool check rules (${rules.length} files)`, tool: 'promtool', args: ['check', 'rules', ...rules] });
  // Syntax only: the credential and target files prometheus.yml names are on the Prometheus host, not here; the rule files have their own check.
  if (existsSync(path.join(outDir, OUT_PATHS.prometheusConfig))) steps.push({ name: `promtool check config ${OUT_PATHS.prometheusConfig}`, tool: 'promtool', args: ['check', 'config', '--syntax-only', OUT_PATHS.prometheusConfig] });
  if (tests.length > 0) steps.push({ name: `promtool test rules (${tests.length} files)`, tool: 'promtool', args: ['test', 'rules', ...tests] });
  if (!existsSync(path.join(outDir, OUT_PATHS.alertmanagerConfig))) return steps;
  steps.push({ name: `amtool check-config ${OUT_PATHS.alertmanagerConfig}`, tool: 'amtool', args: ['check-config', OUT_PATHS.alertmanagerConfig] });
  for (const alert of alerts) {
    const labels = Object.entries(alert.labels).map(([name, value]) => `${name}=${value}`);
    steps.push({
      name: `amtool config routes test: ${alert.labels['alertname'] ?? ''} reaches ${alert.receivers.join(', ')}`,
      tool: 'amtool',
      args: ['config', 'routes', 'test', `--config.file=${OUT_PATHS.alertmanagerConfig}`, `--verify.receivers=${alert.receivers.join(',')}`, ...labels],
    });
  }
  return steps;
}

/** A tool on PATH (MONC_PROMTOOL / MONC_AMTOOL name another binary). */
function toolPath(io: CliIo, tool: 'promtool' | 'amtool'): string | undefined {
  const override = io.env[`MONC_${tool.toUpperCase()}`];
  if (override) return existsSync(override) ? override : undefined;
  for (const dir of (io.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function runTool(binary: string, args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ code: 127, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `        ${line}\n`)
    .join('');
}
