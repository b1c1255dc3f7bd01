// Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules on every kind of page, in the light and
// the dark theme, each chosen both ways: by the browser's preference (no cookie) and by the
// settings cookie against the browser's preference. Zero violations; a failure lists each one.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './support/app';
import { fixture, manifest, prefixQuery } from './support/manifest';
import { historyUrl, runUrl, workflowUrl, workflowsUrl } from './support/urls';

const seg = encodeURIComponent;
const ns = () => `/namespaces/${seg(manifest().namespace)}`;
const tab = (name: string, view: string) => `${runUrl(fixture(name).workflow_id, fixture(name).run_id)}/${view}`;

/** The pages checked: a name and its URL (built lazily: the manifest is read at run time). */
const PAGES: [string, () => string][] = [
  ['home', () => '/'],
  ['namespaces', () => '/namespaces'],
  ['namespace', () => ns()],
  ['workflow list', () => workflowsUrl(prefixQuery())],
  ['run history', () => historyUrl(fixture('completed').workflow_id, fixture('completed').run_id)],
  ['failed run history', () => historyUrl(fixture('failed').workflow_id, fixture('failed').run_id)],
  ['compact history', () => `${historyUrl(fixture('parent').workflow_id, fixture('parent').run_id)}?view=compact`],
  ['linked event', () => `${historyUrl(fixture('completed').workflow_id, fixture('completed').run_id)}/events/5`],
  ['timeline', () => tab('completed', 'timeline')],
  ['pending activities', () => tab('retrying', 'pending-activities')],
  ['relationships', () => tab('parent', 'relationships')],
  [
    'descendant tree',
    () => {
      const root = (manifest() as any).tree.root;
      return `${runUrl(root.workflow_id, root.run_id)}/tree`;
    },
  ],
  ['diagnosis with configuration findings', () => {
    const run = (manifest() as any).config_smells.unlimited_retries;
    return historyUrl(run.workflow_id, run.run_id);
  }],
  ['run workers', () => tab('sleeping', 'workers')],
  ['call stack', () => tab('sleeping', 'call-stack')],
  ['queries', () => tab('sleeping', 'queries')],
  ['runs', () => `${workflowUrl(fixture('rerun').workflow_id)}/runs`],
  [
    'compare',
    () => {
      const [a, b] = fixture('rerun').run_ids;
      return `${workflowUrl(fixture('rerun').workflow_id)}/compare?a=${seg(a)}&b=${seg(b)}`;
    },
  ],
  ['task queues', () => `${ns()}/task-queues`],
  ['task queue', () => `${ns()}/task-queues/${seg(manifest().task_queue)}`],
  ['schedules', () => `${ns()}/schedules`],
  ['schedule', () => `${ns()}/schedules/${seg((manifest() as any).schedules.greeting.schedule_id)}`],
  ['cluster', () => '/cluster'],
  ['cluster health', () => '/cluster/health'],
  ['settings', () => '/settings'],
  ['batch dry run', () => `${ns()}/batch?query=${seg(prefixQuery())}`],
  ['stuck runs', () => `${ns()}/stuck-runs`],
  ['counts by status', () => `${ns()}/counts?by=ExecutionStatus&query=${seg(prefixQuery())}`],
  ['counts, refused field', () => `${ns()}/counts?by=WorkflowType`],
  ['namespace workers', () => `${ns()}/workers`],
  ['nexus endpoints', () => '/nexus'],
  ['standalone activities', () => `${ns()}/activities`],
  ['unknown workflow (404)', () => historyUrl(`no-such-workflow-${manifest().prefix}`, 'no-such-run')],
  ['unknown page (404)', () => '/no/such/page'],
];

type Scheme = 'light' | 'dark';
/** The browser's preference and, when set, the theme cookie (which wins over it). */
const MODES: { name: string; media: Scheme; cookie?: Scheme }[] = [
  { name: 'light (browser)', media: 'light' },
  { name: 'dark (browser)', media: 'dark' },
  { name: 'light (cookie, browser dark)', media: 'dark', cookie: 'light' },
  { name: 'dark (cookie, browser light)', media: 'light', cookie: 'dark' },
];

/** WCAG 2.0 and 2.1, levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
// govern: the page itself keeps its policy (and the fixture still reports any violation).
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  }, TAGS);
}

function describe(found: Violation[]): string {
  return found
    .flatMap((v) =>
      v.nodes.map((n) => `  ${v.id} (${v.impact}): ${n.target.join(' ')}\n    ${(n.failureSummary ?? v.help).replace(/\n/g, '\n    ')}`),
    )
    .join('\n');
}

test.describe('accessibility (axe, WCAG 2 A and AA) @js-only', () => {
  for (const [name, url] of PAGES) {
    test(`${name}: no violations in light and dark`, async ({ app, page, context, baseURL }) => {
      test.setTimeout(90_000);
      const problems: string[] = [];
      for (const mode of MODES) {
        await context.clearCookies({ name: 'tdbg_theme' });
        if (mode.cookie) await context.addCookies([{ name: 'tdbg_theme', value: mode.cookie, url: baseURL! }]);
        await page.emulateMedia({ colorScheme: mode.media });
        await app.goto(url());
        const theme = await page.locator('html').getAttribute('data-theme');
        expect(theme, `${mode.name}: <html data-theme>`).toBe(mode.cookie ?? null);
        const found = await violations(page);
        if (found.length > 0) problems.push(`${mode.name}, ${page.url()}:\n${describe(found)}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
});
