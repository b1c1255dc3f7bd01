// The queries tab: the workflow's handlers, a query run with JSON arguments, its answer or error.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { runUrl } from './support/urls';

const queriesUrl = () => {
  const workflow = fixture('signal_waiter');
  return `${runUrl(workflow.workflow_id, workflow.run_id)}/queries`;
};

test.describe('queries tab', () => {
  test('lists the queries and signals the worker reports', async ({ app, page }) => {
    await app.goto(queriesUrl());
    const queries = page.getByRole('region', { name: 'Queries' });
    for (const name of ['status', 'greeting', 'broken', '__stack_trace']) {
      await expect(queries.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(queries).toContainText('Whether the request is approved, and who asked');
    await expect(page.getByRole('region', { name: 'Signals' })).toContainText('approve');
  });

  test('runs a query with JSON arguments from the form', async ({ app, page }) => {
    const requestedBy = fixture('signal_waiter').input[0] as string;
    await app.goto(queriesUrl());
    await page.getByLabel('Query', { exact: true }).fill('greeting');
    await page.getByLabel(/^Arguments/).fill('["Good evening", "!"]');
    await page.getByRole('button', { name: 'Run query' }).click();
    const answer = page.getByRole('region', { name: 'Answer to greeting' });
    await expect(answer).toContainText(`"Good evening, ${requestedBy}!"`);
    await expect(page).toHaveURL(/\/queries\?query=greeting&args=/);
    // The form keeps what was asked, so it can be changed and asked again.
    await expect(page.getByLabel('Query', { exact: true })).toHaveValue('greeting');
  });

  test('a query link runs it, and a failing query shows the worker\'s error', async ({ app, page }) => {
    await app.goto(queriesUrl());
    await page.getByRole('region', { name: 'Queries' }).getByRole('link', { name: 'status', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Answer to status' })).toContainText('"approved": false');
    await app.goto(`${queriesUrl()}?query=broken`);
    await expect(page.getByRole('alert')).toContainText('the broken query always fails');
  });

  test('arguments that are not JSON are refused with 400 and a message', async ({ app, page }) => {
    const response = await app.goto(`${queriesUrl()}?query=greeting&args=${encodeURIComponent('[1,')}`);
    expect(response.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('The arguments are not valid JSON');
  });
});
