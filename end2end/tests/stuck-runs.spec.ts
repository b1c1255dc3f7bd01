// The stuck-runs page (fixtures/stuck.py): reached from the namespace page, narrowed to the
// fixture's runs with its GET form, the groups by cause with their samples, and a second view
// served from the minute-long cache; with JavaScript on and off (plain links and a GET form).
import { test, expect } from './support/app';
import { manifest } from './support/manifest';

interface StuckEntry {
  query: string;
  activity_types: string[];
  counts: Record<string, number>;
}

const stuck = () => (manifest() as unknown as { stuck: StuckEntry }).stuck;
const ns = () => `/namespaces/${encodeURIComponent(manifest().namespace)}`;

test.describe('stuck runs', () => {
  test('groups the fixture runs by cause, with samples and the calls it made', async ({ app, page }) => {
    await app.goto(ns());
    await page.getByRole('link', { name: 'Stuck runs', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Stuck runs');
    await page.getByLabel('Visibility query').fill(stuck().query);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page).toHaveURL(/stuck-runs\?query=/);

    await expect(page.locator('.stuck-runs-coverage')).toHaveText(/Checked (\d+) of \1 running\./);
    const retrying = page.locator('section[data-cause="activity-retrying"]');
    await expect(retrying).toHaveCount(stuck().activity_types.length);
    await expect(retrying.first()).toContainText('Activity retrying');
    await expect(retrying.first().locator('.stuck-failure')).toContainText('#');
    await expect(page.locator('section[data-cause="workflow-task-failing"]').first()).toContainText(
      String(stuck().counts.workflow_task_failing),
    );
    await expect(page.locator('section[data-cause="nobody-polls"]')).toHaveCount(1);

    // A second view within the minute is served from memory: no Temporal call.
    await page.reload();
    await expect(page.locator('.stuck-runs-budget')).toContainText('this view made none');

    // A sample opens its run.
    await retrying.first().locator('.stuck-samples a').first().click();
    await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible();
  });
});
