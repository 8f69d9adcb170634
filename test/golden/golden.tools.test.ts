/** The golden trees and the committed out/ are loaded by the real consumer, promtool. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/project.ts';

const CASES_DIR = path.join(import.meta.dirname, 'cases');

describe('the golden cases', () => {
  it.each(readdirSync(CASES_DIR))('case %s: promtool check config accepts its prometheus.yml', (name) => {
    const output = execFileSync('promtool', ['check', 'config', path.join(CASES_DIR, name, 'expected/prometheus/prometheus.yml')], { encoding: 'utf8' });
    expect(output).toContain('is valid prometheus config file syntax');
  });
});

describe('the committed out/ of this repository', () => {
  it('passes promtool check rules and promtool check config', () => {
    const rulesDir = path.join(REPO_ROOT, 'out/prometheus/rules');
    const ruleFiles = readdirSync(rulesDir).map((f) => path.join(rulesDir, f));
    expect(ruleFiles.length).toBeGreaterThan(0);
    const rules = execFileSync('promtool', ['check', 'rules', ...ruleFiles], { encoding: 'utf8' });
    expect(rules).toContain('SUCCESS');
    const config = execFileSync('promtool', ['check', 'config', path.join(REPO_ROOT, 'out/prometheus/prometheus.yml')], { encoding: 'utf8' });
    expect(config).toContain('is valid prometheus config file syntax');
  });
});
