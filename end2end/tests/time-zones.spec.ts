// The reader's time zone, with JavaScript on and off: the header links to the settings, the form
// sets the zone and comes back, and every time of the run is then written in it by the server.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl, runUrl } from './support/urls';

test.describe('time zones', () => {
  test('choosing a zone in the settings writes the run in it', async ({ app, page }) => {
    const run = fixture('completed');
    const history = historyUrl(run.workflow_id, run.run_id);
    await app.goto(history);
    await expect(page.locator('table.events-table time').first()).toHaveText(/ UTC$/);
    await page.locator('a.zone-link').click();
    await expect(page).toHaveURL(/\/settings\?back=/);
    if (app.javaScriptEnabled) await app.hydrated();
    await page.getByLabel('Zone').selectOption('Asia/Kolkata');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${history.replace(/[.?]/g, '\\$&')}$`));
    if (app.javaScriptEnabled) await app.hydrated();
    await expect(page.getByRole('columnheader', { name: 'Time (Asia/Kolkata)' })).toBeVisible();
    const times = page.locator('table.events-table time');
    await expect(times.first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} IST$/);
    await expect(page.locator('a.zone-link')).toHaveText('Asia/Kolkata');

    // The zone holds on the next tabs (the cookie).
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await expect(page).toHaveURL(/\/timeline$/);
    await expect(page.getByText('Times in Asia/Kolkata.')).toBeVisible();
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await expect(page.locator('table.events-table time').first()).toHaveText(/ IST$/);
    expect(app.pageErrors).toEqual([]);
  });

  test.describe('the browser zone', () => {
    test.use({ timezoneId: 'Asia/Tokyo' });

    test("one button takes this browser's zone", async ({ app, page }) => {
      test.skip(!app.javaScriptEnabled, 'the browser tells its zone to the page script');
      const run = fixture('completed');
      await app.goto(`${runUrl(run.workflow_id, run.run_id)}/history`);
      await page.locator('a.zone-link').click();
      await app.hydrated();
      await page.getByRole('button', { name: "Use this browser's zone (Asia/Tokyo)" }).click();
      await expect(page.locator('a.zone-link')).toHaveText('Asia/Tokyo');
      await expect(page.locator('table.events-table time').first()).toHaveText(/ JST$/);
    });

    test('without JavaScript there is no browser-zone button', async ({ app, page }) => {
      test.skip(app.javaScriptEnabled, 'the button is the island that asks the browser');
      await app.goto('/settings');
      await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
      await expect(page.getByRole('button', { name: /Use this browser's zone/ })).toHaveCount(0);
    });
  });
});
