/** routing/shadowed-route: no route is unreachable because an earlier sibling without continue matches every alert it would. */
import { describe, expect, it } from 'vitest';
import { at } from '../../helpers/fragments.ts';
import { compileFiles, lint } from '../../helpers/lint.ts';
import { where } from '../../helpers/project.ts';
import { type Case, files, R, replace, routing, SERVICE, SEVERITY_ROUTES } from './fixture.ts';

const ID = 'routing/shadowed-route';

const CRITICAL_ROUTE = '    - { severity: critical, receiver: pager }\n';

/** The severity routes with the critical route replaced by `routes` (YAML list items). */
const insteadOfCritical = (routes: string) => routing(replace(SEVERITY_ROUTES, CRITICAL_ROUTE, routes));

const CASES: readonly Case[] = [
  { name: 'Siblings on different severities pass.', routing: routing(SEVERITY_ROUTES), expected: () => [] },
  {
    name: 'A catch-all sibling with continue shadows nothing.',
    routing: insteadOfCritical(`    - { team: core, receiver: pager, continue: true }\n    - { matchers: ['team="core"', 'severity="critical"'], receiver: mail }\n`),
    expected: () => [],
  },
  {
    name: 'A narrower sibling before a broader one passes.',
    routing: insteadOfCritical(`    - { matchers: ['team="core"', 'severity="critical"'], receiver: mail }\n    - { team: core, receiver: pager }\n`),
    expected: () => [],
  },
  {
    name: 'A later regex sibling that also selects a value no earlier sibling takes passes.',
    routing: routing(`${SEVERITY_ROUTES}    - { matchers: ['severity=~"critical|debug"'], receiver: mail }\n`),
    expected: () => [],
  },
  {
    name: 'A catch-all sibling without continue shadows the routes after it.',
    routing: insteadOfCritical(`    - { team: core, receiver: pager }\n    - { matchers: ['team="core"', 'severity="critical"'], receiver: mail }\n`),
    expected: (r) => [at(ID, R, r, `{ matchers: ['team="core"'`)],
  },
  {
    name: 'A regex sibling that is not a list of values, covering a later equality, shadows it.',
    routing: insteadOfCritical(`    - { matchers: ['severity=~"crit.*"'], receiver: pager }\n    - { severity: critical, receiver: mail }\n`),
    expected: (r) => [at(ID, R, r, '{ severity: critical, receiver: mail')],
  },
  {
    name: 'A regex sibling covering a later equality shadows it.',
    routing: insteadOfCritical(`    - { matchers: ['severity=~"critical|warning"'], receiver: pager }\n    - { severity: critical, receiver: mail }\n`),
    expected: (r) => [at(ID, R, r, '{ severity: critical, receiver: mail'), at(ID, R, r, '{ severity: warning, receiver: chat')],
  },
  {
    name: 'A sibling without matchers shadows every route after it.',
    routing: routing(replace(SEVERITY_ROUTES, CRITICAL_ROUTE, `${CRITICAL_ROUTE}    - { receiver: chat }\n`)),
    expected: (r) => [at(ID, R, r, '{ severity: warning'), at(ID, R, r, '{ severity: info')],
  },
  {
    name: 'A route repeating an earlier sibling is flagged.',
    routing: routing(`${SEVERITY_ROUTES}    - { severity: critical, receiver: mail }\n`),
    expected: (r) => [at(ID, R, r, '{ severity: critical, receiver: mail')],
  },
  {
    name: 'Shadowing among the children of a nested route is flagged at the child.',
    routing: routing(replace(SEVERITY_ROUTES, '{ severity: info, receiver: mail }', "{ severity: info, receiver: mail, routes: [{ team: core }, { matchers: ['component=\"api\"', 'team=\"core\"'] }] }")),
    expected: (r) => [at(ID, R, r, "{ matchers: ['component")],
  },
];

describe(ID, () => {
  it('starts from a project that passes every check', async () => {
    expect(await lint(files({ routing: routing(SEVERITY_ROUTES) }))).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const diagnostics = await lint(files(c));
    expect(diagnostics.filter((d) => d.check === ID).map(where)).toEqual(c.expected(c.routing, c.service ?? SERVICE));
  });

  it('names the earlier sibling and points at it as related', async () => {
    const text = insteadOfCritical(`    - { team: core, receiver: pager }\n    - { matchers: ['team="core"', 'severity="critical"'], receiver: mail }\n`);
    const [finding, ...rest] = (await compileFiles(files({ routing: text }))).diagnostics.filter((d) => d.check === ID);
    expect(rest).toEqual([]);
    expect(finding?.message).toBe(
      'this route never matches: the earlier sibling {team="core"} has no "continue" and matches every alert this one would; move this route above that one, or set continue: true on that one',
    );
    const earlier = at(ID, R, text, '{ team: core, receiver: pager }');
    expect(finding?.related?.map((r) => `${ID}@${r.file}:${r.line}:${r.column} ${r.message}`)).toEqual([`${earlier} the route that takes its alerts`]);
  });

  it('describes an earlier sibling without matchers as matching everything', async () => {
    const text = routing(replace(SEVERITY_ROUTES, CRITICAL_ROUTE, `${CRITICAL_ROUTE}    - { receiver: chat }\n`));
    const messages = (await lint(files({ routing: text }))).filter((d) => d.check === ID).map((d) => d.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message).toContain('the earlier sibling (which matches everything) has no "continue"');
  });
});
