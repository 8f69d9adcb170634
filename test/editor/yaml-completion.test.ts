import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, REPO_ROOT } from '../helpers/project.ts';

/** A minimal LSP client over stdio, enough to ask the real YAML language server for completions. */
class LspClient {
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<number, (result: unknown) => void>();

  constructor(private readonly server: ChildProcessWithoutNullStreams) {
    server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve) => this.#pending.set(id, resolve));
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  private send(message: unknown): void {
    const body = JSON.stringify(message);
    this.server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.#buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.#buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.#buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as {
        id?: number;
        method?: string;
        result?: unknown;
      };
      this.#buffer = this.#buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) this.#pending.get(message.id)?.(message.result);
      // Server-to-client requests (configuration, registration) get an empty answer.
      else if (message.id !== undefined) this.send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [{}] : null });
    }
  }
}

const serverBin = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');

describe('a YAML definition with the yaml-language-server modeline gets completion from our schema', () => {
  let server: ChildProcessWithoutNullStreams;
  let client: LspClient;
  let dir: string;

  beforeAll(async () => {
    // The schema the modeline names, as committed.
    dir = makeProject({ 'schemas/service.schema.json': readFileSync(path.join(REPO_ROOT, 'schemas/service.schema.json'), 'utf8') });
    server = spawn(process.execPath, [serverBin, '--stdio'], { cwd: dir });
    client = new LspClient(server);
    await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: { yaml: { validate: true, completion: true, schemaStore: { enable: false } } } });
  });

  afterAll(() => {
    server.kill();
  });

  async function completionsAt(text: string, line: number, character: number): Promise<string[]> {
    const uri = pathToFileURL(path.join(dir, 'definitions', `doc${line}-${character}.yaml`)).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const result = (await client.request('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
      | { items?: { label: string }[] }
      | { label: string }[]
      | null;
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    return items.map((item) => item.label).sort();
  }

  it('offers the alert fields inside an alert', async () => {
    const text = [
      '# yaml-language-server: $schema=../schemas/service.schema.json',
      'kind: Service',
      'name: api',
      'team: platform',
      'alerts:',
      '  - name: HighErrorRate',
      '    ',
      '',
    ].join('\n');
    const labels = await completionsAt(text, 6, 4);
    expect(labels).toEqual(expect.arrayContaining(['expr', 'for', 'severity', 'summary', 'runbook']));
  });

  it('offers the metric types as values of type', async () => {
    const text = [
      '# yaml-language-server: $schema=../schemas/service.schema.json',
      'kind: Service',
      'name: api',
      'team: platform',
      'metrics:',
      '  - name: api_requests_total',
      '    type: ',
      '',
    ].join('\n');
    const labels = await completionsAt(text, 6, 10);
    expect(labels).toEqual(expect.arrayContaining(['counter', 'gauge', 'histogram']));
  });
});
