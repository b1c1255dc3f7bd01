// Islands: every page is the server's HTML, and the WASM bundle wakes only its interactive widgets
// (`#[island]`s). Links and forms are full page loads. Tagged @js-only: the no-js project leaves
// these out (see playwright.config.ts).
import { test, expect } from './support/app';
import { fixture, prefixQuery } from './support/manifest';
import { historyUrl, pathPattern, workflowsUrl } from './support/urls';
import type { Page } from '@playwright/test';

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

test.describe('islands', { tag: '@js-only' }, () => {
  test('the list and run pages wake their islands without errors', async ({ app, page }) => {
    const problems = collectProblems(page);
    const run = fixture('failed');

    await app.goto(workflowsUrl(prefixQuery()));
    await expect(app.rowOfRun(run.run_id)).toHaveCount(1);
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.outcome('Failure')).toBeVisible();
    await app.goto(historyUrl(fixture('binary_payloads').workflow_id, fixture('binary_payloads').run_id));
    await app.goto(historyUrl(fixture('parent').children![0].workflow_id, fixture('parent').children![0].run_id));
    const waiter = fixture('signal_waiter');
    await app.goto(historyUrl(waiter.workflow_id, waiter.run_id));
    await expect(page.locator('leptos-island')).not.toHaveCount(0);
    // Let late effects (server functions, timers) run before judging.
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
  });

  test('a page carries no serialized resources, only the props of its islands', async ({ app, page }) => {
    const run = fixture('completed');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(scripts.join('\n')).not.toContain(run.run_id);
  });

  test('a run link opens the run', async ({ app, page }) => {
    const problems = collectProblems(page);
    const run = fixture('completed');
    await app.goto(workflowsUrl(prefixQuery()));
    await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();
    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify(run.input[0]));
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(JSON.stringify(run.result));
    await expect(app.eventRows).toHaveCount(run.history_length);
    await expect(page).toHaveTitle(`${run.workflow_id} · history · Temporal debugger`);
    await page.goBack();
    await expect(app.rowOfRun(run.run_id)).toHaveCount(1);
    expect(problems).toEqual([]);
  });

  test('leaving pages while they still load raises no error', async ({ app, page }) => {
    const problems = collectProblems(page);
    const runs = ['completed', 'odd_id', 'signal_waiter'].map((name) => fixture(name));
    await app.goto(workflowsUrl(prefixQuery()));
    // Slow the current details of a running workflow down, so its island is still waiting when
    // its page is left.
    await page.route('**/current-details.json', async (route) => {
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

  test('the odd workflow ID opens from its link', async ({ app, page }) => {
    const run = fixture('odd_id');
    await app.goto(workflowsUrl(prefixQuery()));
    await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();
    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify('odd id'));
  });

  test('searching and the continue-as-new links', async ({ app, page }) => {
    const problems = collectProblems(page);
    const chain = fixture('continue_as_new');
    await app.goto(workflowsUrl(prefixQuery()));

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
    expect(problems).toEqual([]);
  });

  test('a linked event far down the history is scrolled into view', async ({ app, page }) => {
    // 100 rows a page (the page holding event 900 ends with it): a trace of a 1,000-row page is
    // too slow to record here (see large-history.spec.ts).
    const run = fixture('large');
    await app.goto(`${historyUrl(run.workflow_id, run.run_id)}/events/900?size=100`);
    await expect(page.locator('#event-900')).toBeInViewport();
  });
});
