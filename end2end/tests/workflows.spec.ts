// The workflow list: `/namespaces/{ns}/workflows?query=…`, the status counts, the query box,
// `/` and the namespace switcher.
import { test, expect } from './support/app';
import { allRuns, fixture, manifest, prefixQuery, type Status } from './support/manifest';
import { historyUrl, pathPattern, workflowsUrl } from './support/urls';

test.describe('workflow list', () => {
  test('lists every execution of this fixture run with its status, type and links', async ({ app }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    const runs = allRuns();
    await expect(app.workflowRows).toHaveCount(runs.length);
    for (const run of runs) {
      const row = app.rowOfRun(run.run_id);
      const what = `${run.fixture}: ${run.workflow_id} / ${run.run_id}`;
      await expect.soft(row, what).toHaveCount(1);
      await expect.soft(row.locator('.status-badge'), what).toHaveText(run.status);
      await expect
        .soft(row.getByRole('link', { name: run.workflow_id, exact: true }), what)
        .toHaveAttribute('href', historyUrl(run.workflow_id, run.run_id));
      await expect.soft(row.locator('td').nth(3), what).toHaveText(run.workflow_type);
    }
  });

  test('names the state each fixture ended in', async ({ app }) => {
    const expected: Record<string, Status> = {
      completed: 'Completed',
      failed: 'Failed',
      retrying: 'Running',
      signal_waiter: 'Running',
      sleeping: 'Running',
      unpolled: 'Running',
      terminated: 'Terminated',
      canceled: 'Canceled',
      timed_out: 'TimedOut',
    };
    await app.goto(workflowsUrl(prefixQuery()));
    for (const [name, status] of Object.entries(expected)) {
      const entry = fixture(name);
      expect.soft(entry.status, `manifest status of ${name}`).toBe(status);
      await expect.soft(app.rowOfRun(entry.run_id).locator('.status-badge'), name).toHaveText(status);
    }
    // Every run of the chain but the last one continued as new.
    const chain = fixture('continue_as_new');
    for (const runId of chain.run_ids.slice(0, -1)) {
      await expect.soft(app.rowOfRun(runId).locator('.status-badge')).toHaveText('ContinuedAsNew');
    }
  });

  test('shows how many executions match, by status', async ({ app }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    const runs = allRuns();
    const expected: Record<string, string> = {};
    for (const run of runs) expected[run.status] = String(Number(expected[run.status] ?? 0) + 1);

    await expect(app.statusCounts).toBeVisible();
    await expect(app.statusCounts.locator('.status-count-total')).toHaveText(`${runs.length} total`);
    const shown = await app.statusCounts
      .locator('.count[data-status]')
      .evaluateAll((spans) =>
        Object.fromEntries(spans.map((span) => [span.getAttribute('data-status'), span.textContent?.trim()])),
      );
    const nonZero = Object.fromEntries(Object.entries(shown).filter(([, count]) => count !== '0'));
    expect(nonZero).toEqual(expected);
  });

  test('a status count links to the executions of the query in that status', async ({ app, page }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    await app.statusCounts.getByRole('link').filter({ has: page.locator('.count[data-status="Failed"]') }).click();
    const query = `(${prefixQuery()}) AND ExecutionStatus = 'Failed'`;
    await expect(page).toHaveURL((url) => url.searchParams.get('query') === query);
    await expect(app.queryBox).toHaveValue(query);
    const failed = allRuns().filter((run) => run.status === 'Failed');
    await expect(app.workflowRows).toHaveCount(failed.length);
    for (const run of failed) await expect(app.rowOfRun(run.run_id).locator('.status-badge')).toHaveText('Failed');
    await expect(app.statusCounts.locator('.status-count-total')).toHaveText(`${failed.length} total`);
  });

  test('pages through the list with "Next page »"', async ({ app, page }) => {
    const size = 10; // the smallest page size the server accepts
    const expected = allRuns();
    expect(expected.length, 'enough fixture runs for more than one page').toBeGreaterThan(size);
    await app.goto(`${workflowsUrl(prefixQuery())}&size=${size}`);
    await expect(page.getByRole('link', { name: '« First page' })).toHaveCount(0);

    const seen: string[] = [];
    for (let pageNumber = 1; ; pageNumber++) {
      expect(pageNumber, 'number of pages').toBeLessThanOrEqual(Math.ceil(expected.length / size));
      const rows = await app.workflowRows.count();
      expect(rows, `rows on page ${pageNumber}`).toBe(Math.min(size, expected.length - seen.length));
      seen.push(...(await app.workflowRows.locator('td:nth-child(3)').allTextContents()).map((id) => id.trim()));
      // The total and the counts are for the whole query, not the page.
      await expect(app.statusCounts.locator('.status-count-total')).toHaveText(`${expected.length} total`);
      const next = page.getByRole('link', { name: 'Next page »' });
      if (seen.length === expected.length) {
        // A last page that is exactly full may still offer a (then empty) next page.
        if ((await next.count()) === 0) break;
        await next.click();
        await expect(page.getByText('No workflow executions match.')).toBeVisible();
        break;
      }
      const before = page.url();
      await next.click();
      await expect(page).not.toHaveURL(before);
      await expect(page).toHaveURL((url) => {
        const params = url.searchParams;
        return params.get('query') === prefixQuery() && params.get('size') === String(size) && !!params.get('next');
      });
      await expect(page.getByRole('link', { name: '« First page' })).toBeVisible();
      await expect(app.workflowRows.first().locator('td:nth-child(3)')).not.toHaveText(seen[seen.length - size]);
    }
    expect([...seen].sort()).toEqual(expected.map((run) => run.run_id).sort());
    expect(new Set(seen).size, 'no run listed twice').toBe(seen.length);

    await page.getByRole('link', { name: '« First page' }).click();
    await expect(page).toHaveURL((url) => !url.searchParams.has('next') && url.searchParams.get('size') === String(size));
    await expect(app.workflowRows.first().locator('td:nth-child(3)')).toHaveText(seen[0]);
  });

  test('the query box filters the list', async ({ app, page }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    const type = fixture('completed').workflow_type;
    const expected = allRuns().filter((run) => run.workflow_type === type);
    expect(expected.length, `fixture runs of type ${type}`).toBeGreaterThan(1);
    expect(expected.length, 'the filter must leave out some runs').toBeLessThan(allRuns().length);

    const query = `WorkflowType = '${type}' AND ${prefixQuery()}`;
    await app.queryBox.fill(query);
    await app.searchButton.click();

    await expect(page).toHaveURL((url) => url.pathname === workflowsUrl() && url.searchParams.get('query') === query);
    await expect(app.workflowRows).toHaveCount(expected.length);
    await expect(app.workflowRows.locator('td:nth-child(4)')).toHaveText(Array(expected.length).fill(type));
    const runIds = await app.workflowRows.locator('td:nth-child(3)').allInnerTexts();
    expect(runIds.map((id) => id.trim()).sort()).toEqual(expected.map((run) => run.run_id).sort());
    await expect(app.queryBox).toHaveValue(query);
    await expect(app.statusCounts.locator('.status-count-total')).toHaveText(`${expected.length} total`);
  });

  test('an invalid query shows the 400 error Temporal gave', async ({ app, page }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    const query = 'WorkflowType = ';
    await app.queryBox.fill(query);
    await app.searchButton.click();
    await expect(page).toHaveURL((url) => url.searchParams.get('query') === query);
    await expect(app.alert).toBeVisible();
    await expect(app.alert.getByRole('heading')).toHaveText('400 · Bad request');
    // Temporal's own words (its SQL-like query parser), not a generic message.
    await expect(app.alert).toContainText(/invalid query/i);
    await expect(app.alert).toContainText(/syntax error|malformed/i);
    await expect(app.workflowRows).toHaveCount(0);
    // The query box keeps the query so that it can be corrected.
    await expect(app.queryBox).toHaveValue(query);

    // Loaded directly, the page answers with the status itself.
    const response = await app.goto(workflowsUrl(query));
    expect(response.status()).toBe(400);
    await expect(app.alert.getByRole('heading')).toHaveText('400 · Bad request');
  });

  test('the list of a query that matches nothing says so', async ({ app }) => {
    const response = await app.goto(workflowsUrl(`WorkflowId = '${manifest().prefix}-does-not-exist'`));
    expect(response.status()).toBe(200);
    await expect(app.page.getByText('No workflow executions match.')).toBeVisible();
    await expect(app.workflowRows).toHaveCount(0);
    await expect(app.alert).toHaveCount(0);
  });
});

test.describe('navigation', () => {
  test('/ redirects to the workflows of the default namespace', async ({ app, page }) => {
    const response = await app.goto('/');
    expect(response.status()).toBe(200);
    const redirect = response.request().redirectedFrom();
    expect(redirect?.url(), 'the first request, answered with a redirect').toBe(new URL('/', page.url()).href);
    expect((await redirect?.response())?.status()).toBe(302);
    await expect(page).toHaveURL(pathPattern('/namespaces/default/workflows'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workflows in default');
  });

  test('the namespace switcher lists the namespaces', async ({ app, page }) => {
    await app.goto(workflowsUrl(prefixQuery()));
    const switcher = page.locator('details.namespace-switcher');
    const toggle = switcher.getByLabel('Switch namespace');
    await expect(toggle).toContainText('default');
    await toggle.click();
    const item = switcher.getByRole('link', { name: 'default', exact: true });
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('href', '/namespaces/default/workflows');
    await expect(item).toHaveAttribute('aria-current', 'page');
  });

  test('the namespaces page lists default', async ({ app, page }) => {
    const response = await app.goto('/namespaces');
    expect(response.status()).toBe(200);
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'default', exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Registered');
    await row.getByRole('link', { name: 'default', exact: true }).click();
    await expect(page).toHaveURL(pathPattern('/namespaces/default/workflows'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workflows in default');
  });
});
