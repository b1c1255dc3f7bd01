// The schedules pages against the fixture's schedules (end2end/fixtures/schedules.py): the list
// with states and specs in words, a click through to one schedule and on to a run it started,
// a paused schedule's note, and hostile text shown as text. JavaScript on and off.
import { test, expect } from './support/app';
import { manifest } from './support/manifest';
import { pathPattern, workflowUrl } from './support/urls';

interface ScheduleEntry {
  schedule_id: string;
  workflow_id: string;
  paused: boolean;
  note: string;
  recent: { workflow_id: string; run_id: string; status: string | null }[];
  overlap_skipped: number;
}

function schedule(name: string): ScheduleEntry {
  const schedules = (manifest() as unknown as { schedules?: Record<string, ScheduleEntry> }).schedules;
  const entry = schedules?.[name];
  if (!entry) throw new Error(`the fixture manifest has no schedule named ${JSON.stringify(name)}`);
  return entry;
}

function hostile(): string {
  return (manifest() as unknown as { schedules: { hostile: string } }).schedules.hostile;
}

const seg = encodeURIComponent;
const schedulesUrl = () => `/namespaces/${seg(manifest().namespace)}/schedules`;
const scheduleUrl = (id: string) => `${schedulesUrl()}/${seg(id)}`;

test.describe('schedules', () => {
  test('the list shows each schedule with its state and spec in words, and opens one', async ({ app, page }) => {
    await app.goto(schedulesUrl());
    const greeting = schedule('greeting');
    const row = page.getByRole('row', { name: new RegExp(greeting.schedule_id) });
    await expect(row).toContainText('Active');
    await expect(row).toContainText('every minute; at 09:00 on Monday–Friday (Europe/Berlin)');
    await expect(row).toContainText('GreetingWorkflow');
    const paused = page.getByRole('row', { name: new RegExp(schedule('paused').schedule_id) });
    await expect(paused).toContainText(`Paused — ${schedule('paused').note}`);
    await row.getByRole('link', { name: greeting.schedule_id }).click();
    await expect(page).toHaveURL(pathPattern(scheduleUrl(greeting.schedule_id)));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(greeting.schedule_id);
    await expect(page.locator('.schedule-overlap')).toContainText('Skip');
    await expect(page.locator('ol.schedule-upcoming time').first()).toBeVisible();
  });

  test('a schedule links the runs it started, with their status', async ({ app, page }) => {
    // Temporal keeps the newest 10 actions: any failed run of the schedule will do.
    const failing = schedule('failing');
    await app.goto(scheduleUrl(failing.schedule_id));
    const runRow = page.locator('table.schedule-recent tbody tr').filter({ hasText: 'Failed' }).first();
    const link = runRow.getByRole('link');
    const workflowId = (await link.textContent()) ?? '';
    expect(workflowId.startsWith(`${failing.workflow_id}-`)).toBe(true);
    await link.click();
    const runs = `${workflowUrl(workflowId)}/`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(page).toHaveURL(new RegExp(`^https?://[^/]+${runs}[^/]+/history$`));
    await expect(page.getByText(workflowId).first()).toBeVisible();
  });

  test('a paused schedule shows its note; an overlapping one its skips', async ({ app, page }) => {
    await app.goto(scheduleUrl(schedule('paused').schedule_id));
    await expect(page.locator('dd.schedule-note')).toHaveText(schedule('paused').note);
    await expect(page.locator('.schedule-paused-times')).toContainText('none of these runs while the schedule stays paused');
    await app.goto(scheduleUrl(schedule('overlap').schedule_id));
    const skipped = Number(await page.locator('.schedule-overlap-skipped').textContent());
    expect(skipped).toBeGreaterThanOrEqual(1);
  });

  test('hostile text in the input and memo stays text', async ({ app, page }) => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await app.goto(scheduleUrl(schedule('greeting').schedule_id));
    await expect(page.locator('section[aria-labelledby="schedule-memo"]')).toContainText(hostile());
    await expect(page.locator('section[aria-labelledby="schedule-action"]')).toContainText('__scheduleXss');
    if (app.javaScriptEnabled) {
      expect(await page.evaluate(() => (window as unknown as { __scheduleXss?: number }).__scheduleXss)).toBeUndefined();
    }
    expect(dialogs).toBe(0);
  });

  test('an unknown schedule is a 404 with a sentence', async ({ page }) => {
    const response = await page.goto(scheduleUrl('no-such-schedule-anywhere'));
    expect(response?.status()).toBe(404);
    await expect(page.getByText('schedule "no-such-schedule-anywhere" was not found')).toBeVisible();
  });
});
