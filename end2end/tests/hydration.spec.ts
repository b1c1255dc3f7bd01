// Client-side behaviour after the WASM bundle has hydrated the server-rendered page.
// Tagged @js-only: the no-js project leaves these out (see playwright.config.ts).
import { test, expect } from './support/app';
import { fixture, prefixQuery } from './support/manifest';
import { historyUrl, pathPattern, workflowsUrl } from './support/urls';
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __marker?: number;
  }
}

/** Console errors and warnings, uncaught exceptions and failed requests of a page. */
function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      const where = message.location().url ? ` (${message.location().url})` : '';
      problems.push(`console.${message.type()}: ${message.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  return problems;
}

/** Counts document (full page) loads from now on. */
function countDocumentLoads(page: Page): () => string[] {
  const loads: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) loads.push(request.url());
  });
  return () => loads;
}

test.describe('hydration', { tag: '@js-only' }, () => {
  test('the list and run pages hydrate without errors', async ({ app, page }) => {
    const problems = collectProblems(page);
    const run = fixture('failed');

    await app.goto(workflowsUrl(prefixQuery()));
    await expect(app.rowOfRun(run.run_id)).toHaveCount(1);
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.outcome('Failure')).toBeVisible();
    await app.goto(historyUrl(fixture('binary_payloads').workflow_id, fixture('binary_payloads').run_id));
    await app.goto(historyUrl(fixture('parent').children![0].workflow_id, fixture('parent').children![0].run_id));
    // Let late effects (resources, timers) run before judging.
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
  });

  test('a run link navigates on the client and shows the run', async ({ app, page }) => {
    const problems = collectProblems(page);
    const run = fixture('completed');
    await app.goto(workflowsUrl(prefixQuery()));
    await page.evaluate(() => {
      window.__marker = 1;
    });
    const documentLoads = countDocumentLoads(page);

    await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();
    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify(run.input[0]));
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(JSON.stringify(run.result));
    await expect(app.eventRows).toHaveCount(run.history_length);
    await expect(page).toHaveTitle(`${run.workflow_id} · history · Temporal debugger`);

    expect(await page.evaluate(() => window.__marker), 'window state survives: no full page load').toBe(1);
    expect(documentLoads()).toEqual([]);

    // Back to the list, still without a page load.
    await page.goBack();
    await expect(page).toHaveURL((url) => url.pathname === workflowsUrl() && url.searchParams.get('query') === prefixQuery());
    await expect(app.rowOfRun(run.run_id)).toHaveCount(1);
    expect(await page.evaluate(() => window.__marker)).toBe(1);
    expect(documentLoads()).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('leaving pages while they still load raises no error', async ({ app, page }) => {
    const problems = collectProblems(page);
    const runs = ['completed', 'odd_id', 'failed'].map((name) => fixture(name));
    await app.goto(workflowsUrl(prefixQuery()));
    // Slow every server-function answer down, so each client-side page is still loading when the
    // next link is clicked: its Suspense, resource and effects are torn down mid-flight.
    await page.route('**/api/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue().catch(() => {});
    });
    for (const run of runs) {
      await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();
      await page.waitForTimeout(100);
      await page.goBack();
    }
    const last = runs[runs.length - 1];
    await app.rowOfRun(last.run_id).getByRole('link', { name: last.workflow_id, exact: true }).click();
    await expect(app.runHeading).toContainText(last.workflow_id);
    await page.waitForTimeout(1_000);
    // A request the browser dropped because its page was left is not a problem; an error is.
    expect(problems.filter((problem) => !problem.includes('net::ERR_ABORTED'))).toEqual([]);
  });

  test('the odd workflow ID navigates on the client', async ({ app, page }) => {
    const run = fixture('odd_id');
    await app.goto(workflowsUrl(prefixQuery()));
    await page.evaluate(() => {
      window.__marker = 1;
    });
    const documentLoads = countDocumentLoads(page);
    await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();
    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify('odd id'));
    expect(await page.evaluate(() => window.__marker)).toBe(1);
    expect(documentLoads()).toEqual([]);
  });

  test('searching and the continue-as-new links navigate on the client', async ({ app, page }) => {
    const problems = collectProblems(page);
    const chain = fixture('continue_as_new');
    await app.goto(workflowsUrl(prefixQuery()));
    await page.evaluate(() => {
      window.__marker = 1;
    });
    const documentLoads = countDocumentLoads(page);

    const query = `WorkflowId = '${chain.workflow_id}'`;
    await app.queryBox.fill(query);
    await app.searchButton.click();
    await expect(page).toHaveURL((url) => url.searchParams.get('query') === query);
    await expect(app.workflowRows).toHaveCount(chain.run_ids.length);

    await app.rowOfRun(chain.run_ids[0]).getByRole('link', { name: chain.run_ids[0], exact: true }).click();
    await expect(page).toHaveURL(pathPattern(historyUrl(chain.workflow_id, chain.run_ids[0])));
    for (const next of chain.run_ids.slice(1)) {
      await app.fact('Continued as').getByRole('link').click();
      await expect(page).toHaveURL(pathPattern(historyUrl(chain.workflow_id, next)));
      await expect(app.runHeader).toContainText(next);
    }
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(JSON.stringify(chain.result));

    expect(await page.evaluate(() => window.__marker)).toBe(1);
    expect(documentLoads()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
