// The `large` fixture: a run of about 3,250 events, more than one page of
// GetWorkflowExecutionHistory (the server fetches them 1,000 at a time), shown whole and a page
// at a time. These are the slowest specs (3–5 s each without a trace): the pages hold 1,000 to
// 3,250 event rows, which the browser parses and, with JavaScript, hydrates.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl } from './support/urls';

// Trace snapshots serialize the whole DOM at every step: with a trace, the page-at-a-time test
// took 8–12 s alone and 18–21 s next to the other specs (over 30 s on a fresh CI machine), and
// the 3,250-row page takes minutes. So this file keeps no trace (it must be set per file: it
// forces a new worker); a failure here still leaves its screenshot.
test.use({ trace: 'off' });

test.describe('a long history', () => {
  test('shows every event, across several pages of history', async ({ app }) => {
    const run = fixture('large');
    const counts = run.event_type_counts as Record<string, number> | undefined;
    expect(counts, 'manifest event_type_counts of large').toBeTruthy();
    expect(run.history_length, 'more events than one GetWorkflowExecutionHistory page').toBeGreaterThan(1000);

    // One page of the table holds up to 5,000 events when asked (1,000 by default).
    await app.goto(`${historyUrl(run.workflow_id, run.run_id)}?size=5000`);
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.eventRows).toHaveCount(run.history_length);
    const rows = await app.eventRows.evaluateAll((trs) =>
      trs.map((tr) => [tr.id, tr.querySelector('.event-type')?.textContent ?? ''] as const),
    );
    expect(rows.map(([id]) => id)).toEqual(Array.from({ length: run.history_length }, (_, i) => `event-${i + 1}`));

    // EVENT_TYPE_ACTIVITY_TASK_COMPLETED is shown as ActivityTaskCompleted.
    const pascal = (name: string) =>
      name
        .replace(/^EVENT_TYPE_/, '')
        .toLowerCase()
        .replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    const expected = Object.fromEntries(Object.entries(counts!).map(([type, n]) => [pascal(type), n]));
    const shown: Record<string, number> = {};
    for (const [, type] of rows) shown[type] = (shown[type] ?? 0) + 1;
    expect(shown).toEqual(expected);
    expect(rows[rows.length - 1][1]).toBe('WorkflowExecutionCompleted');
  });
});

test.describe('a long history, a page at a time', () => {
  test('a long history is read a page at a time', async ({ app, page }) => {
    const large = fixture('large');
    await app.goto(`${historyUrl(large.workflow_id, large.run_id)}?size=100`);
    const pager = page.getByRole('navigation', { name: 'History pages' }).first();
    await expect(pager).toContainText(`Events 1–100 of ${large.history_length} · page 1 of`);
    await pager.getByRole('link', { name: 'Next ›' }).click();
    await expect(page).toHaveURL(/\?size=100&page=2$/);
    await expect(page.locator('#event-101')).toBeVisible();
    await expect(page.locator('#event-100')).toHaveCount(0);
    // The last page, then back to pages of 1,000.
    await pager.getByRole('link', { name: 'Last »' }).click();
    await expect(page.locator(`#event-${large.history_length}`)).toBeVisible();
    await page.getByRole('navigation', { name: 'History pages' }).first().getByRole('link', { name: '1000', exact: true }).click();
    await expect(page).toHaveURL(/\?size=1000$/);
    await expect(page.getByRole('navigation', { name: 'History pages' }).first()).toContainText(`Events 1–1000 of ${large.history_length} · page 1 of`);
  });
});
