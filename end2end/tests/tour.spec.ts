// The tour of docs/pages.md: the main pages, each checked for its content and photographed in
// Chromium. The pictures go to the test's output; TDBG_SCREENSHOTS_DIR=../docs/screenshots
// writes them where the docs show them (see docs/development.md).
import * as path from 'node:path';
import { test, expect } from './support/app';
import { fixture, manifest, prefixQuery } from './support/manifest';
import { historyUrl, runUrl, workflowsUrl } from './support/urls';

const seg = encodeURIComponent;

test.describe('tour @js-only', () => {
  test.use({ viewport: { width: 1280, height: 860 } });

  const pages: { name: string; url: () => string; shows: RegExp }[] = [
    { name: 'workflows', url: () => workflowsUrl(prefixQuery()), shows: /Workflows/ },
    { name: 'run-history', url: () => historyUrl(fixture('failed').workflow_id, fixture('failed').run_id), shows: /Failed/ },
    {
      name: 'run-pending',
      url: () => `${runUrl(fixture('retrying').workflow_id, fixture('retrying').run_id)}/pending-activities`,
      shows: /attempt/i,
    },
    {
      name: 'run-timeline',
      url: () => `${runUrl(fixture('parent').workflow_id, fixture('parent').run_id)}/timeline`,
      shows: /Timeline/,
    },
    {
      name: 'task-queue',
      url: () => `/namespaces/${seg(manifest().namespace)}/task-queues/${seg(manifest().backlog.task_queue)}`,
      shows: /Pollers|poll/i,
    },
    { name: 'schedules', url: () => `/namespaces/${seg(manifest().namespace)}/schedules`, shows: /Schedules/ },
    { name: 'cluster-health', url: () => '/cluster/health', shows: /health/i },
  ];

  for (const { name, url, shows } of pages) {
    test(`${name} shows its content`, async ({ app, page }, testInfo) => {
      const response = await app.goto(url());
      expect(response.status()).toBe(200);
      await expect(page.locator('main')).toContainText(shows);
      const dir = process.env.TDBG_SCREENSHOTS_DIR;
      const file = dir ? path.resolve(dir, `${name}.png`) : testInfo.outputPath(`${name}.png`);
      await page.screenshot({ path: file });
    });
  }
});
