// The run's debugging tabs, each its own URL: pending activities, workers, call stack; refresh in place.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl, runUrl } from './support/urls';

const tabUrl = (name: string, tab: string) => {
  const workflow = fixture(name);
  return `${runUrl(workflow.workflow_id, workflow.run_id)}/${tab}`;
};

test.describe('run tabs', () => {
  test('pending activities show the retrying activity with its last failure', async ({ app, page }) => {
    const response = await app.goto(tabUrl('retrying', 'pending-activities'));
    expect(response.status()).toBe(200);
    await expect(page.getByRole('link', { name: 'Pending activities (1)' })).toHaveAttribute('aria-current', 'page');
    const activity = page.getByRole('region', { name: 'Activity 1' });
    await expect(activity).toContainText('reserve_inventory');
    await expect(activity).toContainText(/Attempt\s*\d+ of unlimited/);
    await expect(activity).toContainText('inventory service unavailable: connection refused');
    await expect(activity.locator('.failure-kind').first()).toHaveText('RuntimeError');
  });

  test('workers say in words that nobody polls the unpolled task queue', async ({ app, page }) => {
    const workflow = fixture('unpolled');
    await app.goto(tabUrl('unpolled', 'workers'));
    await expect(page.getByRole('region', { name: 'Workflow tasks' })).toContainText(
      `Nobody polls task queue "${workflow.task_queue}" for workflow tasks`,
    );
  });

  test('the call stack of a waiting workflow comes from its worker', async ({ app, page }) => {
    const workflow = fixture('signal_waiter');
    await app.goto(tabUrl('signal_waiter', 'call-stack'));
    expect(workflow.status).toBe('Running');
    const stack = page.getByRole('region', { name: 'Call stack' });
    await expect(stack).toContainText('Taken at');
    // The Python SDK answers __enhanced_stack_trace: frames with file, line and source lines.
    await expect(stack).toContainText('sdk-python');
    await expect(stack.getByRole('region', { name: /^Stack 1 of/ })).toBeVisible();
    await expect(stack.locator('.source-line.current').first()).toBeVisible();
  });

  test('tabs link to each other from the history page', async ({ app, page }) => {
    const workflow = fixture('retrying');
    await app.goto(historyUrl(workflow.workflow_id, workflow.run_id));
    await page.getByRole('navigation', { name: 'Run views' }).getByRole('link', { name: 'Workers' }).click();
    await expect(page).toHaveURL(new RegExp(`/${workflow.run_id}/workers$`));
    await expect(page.getByRole('region', { name: 'Activity tasks' })).toBeVisible();
  });
});

test.describe('refresh without JavaScript', () => {
  test('Refresh is a link to the same tab: the page loads again', async ({ app, page }) => {
    test.skip(app.javaScriptEnabled, 'with JavaScript the Refresh island swaps the tab in place');
    const url = tabUrl('signal_waiter', 'call-stack');
    await app.goto(url);
    const takenAt = page.locator('time.taken-at');
    const before = await takenAt.getAttribute('datetime');
    await page.waitForTimeout(20); // the next trace gets a later millisecond
    await page.getByRole('link', { name: 'Refresh' }).click();
    await expect(page).toHaveURL((here) => here.pathname === url);
    await expect(takenAt).not.toHaveAttribute('datetime', before ?? '');
  });
});

test.describe('refresh in place', { tag: '@js-only' }, () => {
  test('Refresh loads the tab again without leaving the page', async ({ app, page }) => {
    await app.goto(tabUrl('signal_waiter', 'call-stack'));
    const takenAt = page.locator('time.taken-at');
    const before = await takenAt.getAttribute('datetime');
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
    await page.waitForTimeout(20); // the next trace gets a later millisecond
    await page.getByRole('link', { name: 'Refresh' }).click();
    await expect(takenAt).not.toHaveAttribute('datetime', before ?? '');
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  });
});

test.describe('diagnosis', () => {
  test('a missed heartbeat is named, with its timeout', async ({ app, page }) => {
    const workflow = fixture('heartbeat_timeout');
    await app.goto(historyUrl(workflow.workflow_id, workflow.run_id));
    await expect(page.getByRole('region', { name: 'Diagnosis' })).toContainText(
      /heartbeat timeout of 2s is near|past its heartbeat timeout of 2s|last attempt timed out on its heartbeat/,
    );
  });

  test('a retrying activity is named at the top of the run page, with its evidence', async ({ app, page }) => {
    const workflow = fixture('retrying');
    await app.goto(historyUrl(workflow.workflow_id, workflow.run_id));
    const panel = page.getByRole('region', { name: 'Diagnosis' });
    await expect(panel).toContainText('Why is it not progressing?');
    await expect(panel).toContainText(/Activity reserve_inventory \(ID 1\) is retrying: attempt \d+ of unlimited/);
    await panel.getByRole('link', { name: '(Pending activities)' }).click();
    await expect(page).toHaveURL(new RegExp(`/${workflow.run_id}/pending-activities$`));
  });

  test('an unpolled task queue is given as the reason', async ({ app, page }) => {
    const workflow = fixture('unpolled');
    await app.goto(historyUrl(workflow.workflow_id, workflow.run_id));
    await expect(page.getByRole('region', { name: 'Diagnosis' })).toContainText(
      `No worker polls task queue "${workflow.task_queue}" for workflow tasks`,
    );
  });
});

test.describe('runs of a workflow ID', () => {
  test('the run page links to every run of its workflow ID', async ({ app, page }) => {
    const workflow = fixture('continue_as_new');
    await app.goto(historyUrl(workflow.workflow_id, workflow.run_id));
    await page.getByRole('link', { name: 'All runs of this workflow ID' }).click();
    await expect(page).toHaveURL(new RegExp(`/runs\\?run=${workflow.run_id}$`));
    await expect(page.getByText('4 runs, newest first')).toBeVisible();
    await expect(page.locator('tr[aria-current="true"]')).toContainText(workflow.run_id);
    for (const runId of workflow.run_ids) {
      await expect(page.getByRole('link', { name: runId })).toBeVisible();
    }
  });
});
