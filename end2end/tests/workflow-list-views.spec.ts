// The workflow list's views and column chooser, with JavaScript on and off: the chooser is a GET
// form, so the columns are in the URL; the "workflow task failures" view finds the fixture's
// drifted run by Temporal's TemporalReportedProblems mark.
import { test, expect } from './support/app';
import { fixture, prefixQuery } from './support/manifest';
import { workflowsUrl } from './support/urls';

test.describe('workflow list views and columns', () => {
  test('the column chooser shows a search attribute and keeps the choice in the URL', async ({ app, page }) => {
    const run = fixture('annotated');
    await app.goto(workflowsUrl(prefixQuery()));
    await page.locator('.column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Run ID' }).uncheck();
    await page.getByRole('checkbox', { name: 'Task queue' }).check();
    await page.getByLabel('Search attributes (comma-separated names)').fill('CustomerId');
    await page.getByRole('button', { name: 'Show these columns' }).click();
    await expect(page).toHaveURL(/col=task-queue/);
    await expect(page.getByRole('columnheader', { name: 'CustomerId' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Run ID' })).toHaveCount(0);
    await expect(page.getByRole('row', { name: new RegExp(run.workflow_id) })).toContainText(run.customer_id as string);
  });

  test('the workflow task failures view lists the non-deterministic run and its cause', async ({ app, page }) => {
    const run = fixture('nondeterministic');
    await app.goto(workflowsUrl());
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Workflow task failures' }).click();
    await expect(page).toHaveURL(/TemporalReportedProblems/);
    await expect(page.getByRole('columnheader', { name: 'Reported problems' })).toBeVisible();
    const row = page.getByRole('row', { name: new RegExp(run.workflow_id) });
    await expect(row).toContainText('NonDeterministicError');
  });
});
