/** scrape/relabel: relabel rules Prometheus loads, and that can do what they are for. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { fileOf, RELABEL_CASES, relabelFiles, S } from './fixture.ts';

const ID = 'scrape/relabel';

describe(ID, () => {
  it.each(RELABEL_CASES)('$name', async (c) => {
    const files = relabelFiles(c);
    const file = fileOf(c);
    const diagnostics = await lint(files);
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.findings.map((fragment) => at(ID, file, files[file] as string, fragment)));
  });

  it.each([
    { rule: '{ action: hashmod, sourceLabels: [__address__], targetLabel: shard }', message: 'relabel configuration for hashmod requires non-zero modulus; set modulus' },
    { rule: '{ action: labeldrop, sourceLabels: [pod], regex: pod }', message: "labeldrop action requires only 'regex', and no other fields; remove sourceLabels" },
    { rule: "{ action: keep, regex: 'x' }", message: 'keep without sourceLabels matches its regex against an empty value, so it drops every target; name the labels it reads in sourceLabels' },
    { rule: "{ action: drop, regex: 'x' }", message: 'drop without sourceLabels matches its regex against an empty value, so it keeps every target; name the labels it reads in sourceLabels' },
    { rule: "{ action: labelkeep, regex: 'job' }", message: 'labelkeep removes __address__, so no target has an address to scrape and Prometheus drops every one ("no address")' },
  ])('says what Prometheus says, and what to change: $message', async ({ rule, message }) => {
    const diagnostics = await lint(relabelFiles({ name: '', list: 'relabel', rule, findings: [], promtool: undefined }));
    expect(diagnostics.filter((d) => d.check === ID).map((d) => d.message)).toEqual([message]);
  });

  it('checks regexes by the Go of the Prometheus version the config names: (?<name>…) only from version 3', async () => {
    const rule = "{ sourceLabels: [__address__], regex: '(?<host>.*):.*', targetLabel: host }";
    const files = relabelFiles({ name: '', list: 'relabel', rule, findings: [], promtool: undefined });
    const v2 = await lint(files);
    const v3 = await lint({ ...files, 'monc.config.yaml': 'prometheus:\n  version: 3\n' });
    expect(v2.filter((d) => d.check === ID).map(where)).toEqual([at(ID, S, files[S] as string, "'(?<host>")]);
    expect(v3.filter((d) => d.check === ID)).toEqual([]);
  });
});
