// The `large` fixture: a run of about 3,250 events, more than one page of
// GetWorkflowExecutionHistory (the server fetches them 1,000 at a time).
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl } from './support/urls';

// Trace snapshots serialize the whole DOM at every step; with ~3,000 event rows that alone takes
// minutes, so this file keeps no trace (it must be set per file: it forces a new worker).
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
