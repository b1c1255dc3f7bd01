// The pages of the newer Temporal features (server 1.29–1.32): workers from their heartbeats,
// Nexus endpoints and a caller's pending operation, standalone activities, a worker deployment
// and a schedule's matching times — reached from the header and the namespace page, with
// JavaScript on and off (they are plain server-rendered pages).
import { test, expect } from './support/app';
import { manifest } from './support/manifest';
import { runUrl } from './support/urls';

const seg = encodeURIComponent;
const ns = () => seg(manifest().namespace);

interface Newer {
  nexus: { endpoint: string; caller: { workflow_id: string; run_id: string }; flaky_message: string };
  standalone_activities: { retrying: { activity_id: string; run_id: string } };
  versioned: { deployment: string; build_id: string; rollout: { deployment: string } };
  schedules: Record<string, { schedule_id: string }>;
}
const newer = () => manifest() as unknown as Newer;

test.describe('newer Temporal', () => {
  test('the header leads to the workers, each with a verdict and its own page', async ({ app, page }) => {
    await app.goto(`/namespaces/${ns()}/workflows`);
    await page.getByRole('navigation').getByRole('link', { name: 'Workers', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Workers');
    const { task_queue } = manifest();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: task_queue, exact: true }) });
    await expect(row.first()).toBeVisible();
    await row.first().getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Worker');
    await expect(page.getByRole('heading', { name: 'Slots' })).toBeVisible();
  });

  test('the Nexus endpoint is listed, and the caller shows its failing operation', async ({ app, page }) => {
    const { nexus } = newer();
    await app.goto('/nexus');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nexus endpoints');
    await page.getByRole('link', { name: nexus.endpoint, exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(nexus.endpoint);
    await app.goto(`${runUrl(nexus.caller.workflow_id, nexus.caller.run_id)}/pending-activities`);
    await expect(page.locator('main')).toContainText(nexus.flaky_message);
  });

  test('a retrying standalone activity is listed and shows its last failure', async ({ app, page }) => {
    const { retrying } = newer().standalone_activities;
    await app.goto(`/namespaces/${ns()}`);
    await page.getByRole('link', { name: 'Standalone activities' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Standalone activities');
    await page.getByRole('link', { name: retrying.activity_id, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(retrying.activity_id);
    await expect(page.getByRole('heading', { name: 'Last failure' })).toBeVisible();
  });

  test('a worker deployment shows its routing and versions', async ({ app, page }) => {
    const { versioned } = newer();
    await app.goto(`/namespaces/${ns()}/worker-deployments/${seg(versioned.deployment)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(versioned.deployment);
    await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();
    await expect(page.locator('main')).toContainText(versioned.build_id);
  });

  test("a schedule lists its matching times in a picked range", async ({ app, page }) => {
    const greeting = newer().schedules['greeting'];
    await app.goto(`/namespaces/${ns()}/schedules/${seg(greeting.schedule_id)}`);
    const matching = page.getByRole('region', { name: 'Matching times' });
    await expect(matching).toContainText('Pick a range');
    // The form starts with the next week; listing it is a GET, with or without JavaScript.
    await matching.getByRole('button', { name: 'List matching times' }).click();
    await expect(matching.getByRole('listitem').first()).toBeVisible();
  });
});
