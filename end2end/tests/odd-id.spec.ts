// A workflow ID with `/`, `?` and `#` must stay one percent-encoded path segment everywhere.
import { test, expect } from './support/app';
import { fixture, prefixQuery } from './support/manifest';
import { historyUrl, pathPattern, runUrl, workflowUrl, workflowsUrl } from './support/urls';

const odd = () => fixture('odd_id');

test.describe('a workflow ID that needs encoding', () => {
  test.beforeAll(() => {
    const id = odd().workflow_id;
    for (const c of ['/', '?', '#']) expect(id, `the odd_id fixture's ID contains ${c}`).toContain(c);
  });

  test('opens from its link in the list', async ({ app, page }) => {
    const run = odd();
    await app.goto(workflowsUrl(prefixQuery()));
    const link = app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true });
    await expect(link).toHaveAttribute('href', historyUrl(run.workflow_id, run.run_id));
    await link.click();

    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    expect(page.url()).toContain(`/workflows/${encodeURIComponent(run.workflow_id)}/${run.run_id}/history`);
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify('odd id'));
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(JSON.stringify(run.result));
    await expect(app.eventRows).toHaveCount(run.history_length);
  });

  test('its workflow URL redirects to the latest run', async ({ app, page }) => {
    const run = odd();
    const response = await app.goto(workflowUrl(run.workflow_id));
    expect(response.status()).toBe(200);
    const first = response.request().redirectedFrom();
    expect(first?.url()).toContain(`/workflows/${encodeURIComponent(run.workflow_id)}`);
    expect((await first?.response())?.status()).toBe(302);

    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    expect(page.url()).toContain(encodeURIComponent(run.workflow_id));
    expect(page.url()).toContain(run.run_id);
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify('odd id'));
  });

  test('its run URL redirects to the history', async ({ app, page }) => {
    const run = odd();
    await app.goto(runUrl(run.workflow_id, run.run_id));
    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.input.locator('.payload-json')).toHaveText(JSON.stringify('odd id'));
  });

  test('event anchors stay on the same page', async ({ app, page }) => {
    const run = odd();
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await app.event(2).getByRole('link', { name: '2', exact: true }).click();
    await expect(page).toHaveURL(pathPattern(`${historyUrl(run.workflow_id, run.run_id)}#event-2`));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.event(2)).toBeVisible();
  });
});
