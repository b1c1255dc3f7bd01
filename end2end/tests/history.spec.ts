// The history's views, filters, search, order and event permalinks, all in the URL.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl, runUrl } from './support/urls';

const completed = () => fixture('completed');
const completedHistory = () => historyUrl(completed().workflow_id, completed().run_id);

test.describe('event history views', () => {
  test('an event permalink shows the event first and highlights its row', async ({ app, page }) => {
    const response = await app.goto(`${completedHistory()}/events/5`);
    expect(response.status()).toBe(200);
    const linked = page.getByRole('region', { name: 'Linked event' });
    await expect(linked).toContainText('Event 5');
    await expect(linked).toContainText('ActivityTaskScheduled');
    await expect(linked.locator('details.event-more')).toHaveAttribute('open', '');
    await expect(page.locator('#event-5')).toHaveAttribute('aria-current', 'true');
  });

  test('the category chips filter the events and stay in the URL', async ({ app, page }) => {
    const run = completed();
    await app.goto(completedHistory());
    const history = page.getByRole('region', { name: /^Event history/ });
    await history.getByRole('navigation', { name: 'Event categories' }).getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page).toHaveURL(/\?category=activity$/);
    await expect(history).toContainText(`(3 of ${run.history_length} events)`);
    await expect(history.locator('tbody tr')).toHaveCount(3);
  });

  test('search finds events by payload content', async ({ app, page }) => {
    const input = completed().input[0] as string;
    await app.goto(completedHistory());
    await page.getByRole('searchbox', { name: 'Search events' }).fill(input.toUpperCase());
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\?search=/);
    const history = page.getByRole('region', { name: /^Event history/ });
    await expect(history.locator('#event-1')).toBeVisible();
    await expect(history).toContainText(/\(\d+ of \d+ events\)/);
  });

  test('the compact view has one row per child workflow', async ({ app, page }) => {
    const parent = fixture('parent');
    await app.goto(historyUrl(parent.workflow_id, parent.run_id));
    await page.getByRole('navigation', { name: 'History layout' }).getByRole('link', { name: 'Compact' }).click();
    await expect(page).toHaveURL(/\?view=compact$/);
    const table = page.locator('table.compact-table');
    for (const child of parent.children as { workflow_id: string }[]) {
      await expect(table.getByRole('row').filter({ hasText: child.workflow_id })).toContainText('Completed');
    }
  });

  test('newest first, and the JSON view with the download link', async ({ app, page }) => {
    const run = completed();
    await app.goto(`${completedHistory()}?order=desc`);
    await expect(page.locator('table.events-table tbody tr').first()).toHaveAttribute('id', `event-${run.history_length}`);
    await app.goto(`${completedHistory()}?view=json`);
    await expect(page.locator('pre.history-json')).toContainText('"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"');
    const download = page.getByRole('link', { name: 'Download JSON' });
    await expect(download).toHaveAttribute('href', `${runUrl(run.workflow_id, run.run_id)}/history.json`);
  });
});

test.describe('event times', () => {
  test('the time column switches to time since start', async ({ app, page }) => {
    await app.goto(completedHistory());
    await page.getByRole('navigation', { name: 'Time column' }).getByRole('link', { name: 'Since start' }).click();
    await expect(page).toHaveURL(/\?time=elapsed$/);
    await expect(page.locator('#event-1 .duration')).toHaveText('+0ms');
  });
});
