// The cluster health page, from the Temporal server's own metrics: the plain server reads a real
// Prometheus (TDBG_METRICS_PROMETHEUS_URL), the one under /temporal scrapes the dev server's
// /metrics directly (TDBG_METRICS_SCRAPE_URL). With JavaScript on and off.
import { test, expect } from './support/app';

function publicPathBase(): string {
  const url = process.env.TDBG_PUBLIC_PATH_URL;
  if (!url) throw new Error('TDBG_PUBLIC_PATH_URL is not set (`cargo xtask test` starts a server under /temporal)');
  return url.replace(/\/$/, '');
}

test.describe('cluster health', () => {
  test('from Prometheus: availability by operation, outcomes, task queues, charts', async ({ app, page }) => {
    const prometheus = process.env.TDBG_PROMETHEUS_URL;
    expect(prometheus, 'TDBG_PROMETHEUS_URL (set by `cargo xtask test`)').toBeTruthy();
    // Prometheus scrapes every second; the increase over the range needs two of its samples.
    await expect(async () => {
      const response = await app.goto('/cluster/health?range=15m');
      expect(response.status()).toBe(200);
      await expect(page.locator('#frontend')).toContainText('StartWorkflowExecution', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cluster health');
    await expect(page.locator('.health-source')).toContainText(`From Prometheus at ${prometheus}`);
    await expect(page.getByRole('heading', { name: 'Service availability and latency (frontend)' })).toBeVisible();
    for (const heading of ['Persistence availability and latency', 'Workflow outcomes', 'Task queues', 'Shard movement']) {
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    }
    // Charts are SVG drawn on the server, readable without JavaScript.
    await expect(page.locator('svg.health-chart')).toHaveCount(4);
    await expect(page.getByRole('img', { name: 'Workflows closed, by outcome' })).toBeVisible();
    // The range is in the URL, and its links work with and without JavaScript.
    await page.getByRole('link', { name: '6h', exact: true }).click();
    await expect(page).toHaveURL(/\/cluster\/health\?range=6h$/);
    await expect(page.getByRole('link', { name: '6h', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('main')).toContainText('last 6 hours');
  });

  test('the namespace filter is a form that keeps the range', async ({ app, page }) => {
    await app.goto('/cluster/health?range=1h');
    await page.getByRole('textbox', { name: 'Namespace' }).fill('no-such-namespace');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\/cluster\/health\?range=1h&namespace=no-such-namespace$/);
    await expect(page.locator('#frontend')).toContainText('No frontend requests seen yet in this range');
  });

  test('from a direct scrape under the public path, honest about what it covers', async ({ app, page }) => {
    const base = publicPathBase();
    const response = await app.goto(`${base}/cluster/health?range=24h`);
    expect(response.status()).toBe(200);
    await expect(page.locator('.health-source')).toContainText("the Temporal server's metrics at http://127.0.0.1:");
    await expect(page.locator('.health-source')).toContainText(/Counts since the Temporal server started|Only since|Increases over the range/);
    await expect(page.locator('#frontend')).toContainText('StartWorkflowExecution');
    await expect(page.getByRole('link', { name: '15m', exact: true })).toHaveAttribute('href', '/temporal/cluster/health?range=15m');
  });

  test('the header links to it', async ({ app, page }) => {
    await app.goto('/namespaces');
    await page.getByRole('link', { name: 'Health', exact: true }).click();
    await expect(page).toHaveURL(/\/cluster\/health$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cluster health');
  });
});
