// The app behind a real nginx under a public path (TEMPORAL_UI_PUBLIC_PATH=/temporal), the way a
// team mounts it next to other tools: list → run → tabs → history download, every URL the page
// uses staying under /temporal/, with JavaScript on and off.
import { test, expect } from './support/app';
import { fixture, manifest } from './support/manifest';

function proxied(): string {
  const url = process.env.TDBG_PUBLIC_PATH_URL;
  if (!url) throw new Error('TDBG_PUBLIC_PATH_URL is not set (`cargo xtask test` starts nginx and a server under /temporal)');
  return url.replace(/\/$/, '');
}

test.describe('under a public path behind nginx', () => {
  test('list, run, tabs and the history download stay under /temporal', async ({ app, page }) => {
    const base = proxied();
    const origin = new URL(base).origin;
    const outside: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin && !url.pathname.startsWith('/temporal/')) outside.push(url.pathname);
    });
    const workflow = fixture('completed');
    // The fixtures' own runs: other specs and tests start more runs on the same server.
    const query = encodeURIComponent(`WorkflowId STARTS_WITH '${manifest().prefix}'`);
    const list = await app.goto(`${base}/namespaces/${encodeURIComponent(manifest().namespace)}/workflows?query=${query}`);
    expect(list.status()).toBe(200);

    await app.rowOfRun(workflow.run_id).getByRole('link', { name: workflow.run_id, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${base}/namespaces/.+/${workflow.run_id}/history`));
    await expect(app.eventRows.first()).toBeVisible();
    await expect(app.runHeading).toContainText(workflow.workflow_id);

    await page.getByRole('navigation', { name: 'Run views' }).getByRole('link', { name: 'Workers' }).click();
    await expect(page).toHaveURL(new RegExp(`^${base}/namespaces/.+/${workflow.run_id}/workers$`));
    await expect(page.getByRole('region', { name: 'Activity tasks' })).toBeVisible();

    await page.getByRole('link', { name: 'History', exact: true }).click();
    const download = page.getByRole('link', { name: 'Download JSON' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/temporal\/namespaces\/.+\/history\.json$/);
    const json = await page.request.get(`${origin}${href}`);
    expect(json.status()).toBe(200);
    expect((await json.json()).events.length).toBe(workflow.history_length);

    // The header links back to the list, still under the path.
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`^${base}/namespaces/[^/]+/workflows`));
    expect(outside, 'requests outside /temporal/').toEqual([]);
  });

  test('the root of the proxy and the bare path lead to the app', async ({ app, page }) => {
    const base = proxied();
    await app.goto(`${base}/`);
    await expect(page).toHaveURL(new RegExp(`^${base}/namespaces/[^/]+/workflows`));
    await expect(app.workflowRows.first()).toBeVisible();
  });
});
