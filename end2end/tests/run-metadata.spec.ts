// The run's metadata and its loudest problem: the workflow-task failure banner on every tab (the
// fixture's real non-determinism), user metadata in the summary, the search-attributes and memo
// tabs. Each test runs with JavaScript on (tabs load through server functions) and off.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl, pathPattern, runUrl } from './support/urls';

test.describe('run metadata and workflow-task failures', () => {
  test('a non-deterministic run says so on every tab, with the worker and the way to its pollers', async ({ app, page }) => {
    const run = fixture('nondeterministic');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const banner = page.getByRole('alert').filter({ hasText: 'The workflow task keeps failing' });
    await expect(banner).toBeVisible();
    await expect(banner.locator('.workflow-task-cause')).toContainText(
      "non-determinism: the worker's code no longer matches this history",
    );
    await expect(banner).toContainText(run.failed_identity as string);
    await banner.getByRole('link', { name: 'Who polls this task queue' }).click();
    await expect(page).toHaveURL(pathPattern(`${runUrl(run.workflow_id, run.run_id)}/workers`));
    await expect(page.getByRole('alert').filter({ hasText: 'The workflow task keeps failing' })).toBeVisible();
  });

  test('a healthy run has no banner', async ({ app, page }) => {
    const run = fixture('signal_waiter');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.eventRows.first()).toBeVisible();
    await expect(page.getByText('The workflow task keeps failing')).toHaveCount(0);
  });

  test('the summary asks the worker for current details once the page is up', async ({ app, page }) => {
    const run = fixture('signal_waiter');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const details = app.fact('Current details');
    if (app.javaScriptEnabled) {
      await expect(details).toContainText('Waiting for **approval** of the request from');
    } else {
      await details.getByRole('link', { name: 'ask the worker on the Queries tab' }).click();
      await expect(page).toHaveURL(pathPattern(`${runUrl(run.workflow_id, run.run_id)}/queries`));
      await expect(page.locator('pre.current-details')).toContainText('Waiting for **approval**');
    }
  });

  test('the summary shows the user metadata; the search attributes and memo tabs their values', async ({ app, page }) => {
    const run = fixture('annotated');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(page.locator('.user-summary')).toHaveText(run.summary as string);
    await expect(page.locator('.user-details strong')).toHaveText('Customer');
    await expect(page.locator('.user-details a')).toHaveAttribute('rel', 'noopener noreferrer');
    await page.getByRole('link', { name: 'Search attributes' }).click();
    await expect(page).toHaveURL(pathPattern(`${runUrl(run.workflow_id, run.run_id)}/search-attributes`));
    const row = page.getByRole('row', { name: /CustomerId/ });
    await expect(row).toContainText('Keyword');
    await expect(row).toContainText(run.customer_id as string);
    await expect(page.getByRole('row', { name: /DueAt/ }).locator('time')).toHaveAttribute('datetime', '2026-12-24T18:30:00.000Z');
    await page.getByRole('link', { name: 'Memo' }).click();
    await expect(page).toHaveURL(pathPattern(`${runUrl(run.workflow_id, run.run_id)}/memo`));
    await expect(page.getByRole('row', { name: /ticket/ })).toContainText('1042');
  });
});
