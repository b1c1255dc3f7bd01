// The relationships tab: parent, children and the continue-as-new chain, each a link.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { runUrl } from './support/urls';

test.describe('relationships tab', () => {
  test('a parent lists its children, and a child links back to it', async ({ app, page }) => {
    const parent = fixture('parent');
    const children = parent.children as { workflow_id: string; run_id: string }[];
    await app.goto(`${runUrl(parent.workflow_id, parent.run_id)}/relationships`);
    const panel = page.getByRole('region', { name: /Child workflows/ });
    await expect(panel).toContainText(`Child workflows (${children.length})`);
    await expect(panel.getByText('Completed')).toHaveCount(children.length);
    await panel.getByRole('link', { name: children[0].workflow_id }).click();
    await expect(page).toHaveURL(new RegExp(`/${children[0].run_id}/history$`));
    await page.getByRole('link', { name: 'Relationships' }).click();
    await page.getByRole('link', { name: parent.workflow_id }).click();
    await expect(page).toHaveURL(new RegExp(`/${parent.run_id}/history$`));
  });

  test('a continued run links to the run before and after it and to all runs', async ({ app, page }) => {
    const chain = fixture('continue_as_new');
    const runIds = chain.run_ids as string[];
    await app.goto(`${runUrl(chain.workflow_id, runIds[1])}/relationships`);
    const panel = page.getByRole('region', { name: 'Runs of this workflow ID' });
    await expect(panel).toContainText(`This is run ${runIds.length - 1} of ${runIds.length}`);
    await panel.getByRole('link', { name: runIds[2] }).click();
    await expect(page).toHaveURL(new RegExp(`/${runIds[2]}/history$`));
    await page.goBack();
    await page.getByRole('region', { name: 'Runs of this workflow ID' }).getByRole('link', { name: 'All runs' }).click();
    await expect(page).toHaveURL(new RegExp(`/runs\\?run=${runIds[1]}$`));
    await expect(page.locator('tr[aria-current="true"]')).toContainText(runIds[1]);
  });
});

test.describe('compare runs', () => {
  test('the runs page compares two reruns and names where they diverge', async ({ app, page }) => {
    const rerun = fixture('rerun');
    await app.goto(`${runUrl(rerun.workflow_id, rerun.run_id)}/relationships`);
    await page.getByRole('region', { name: 'Runs of this workflow ID' }).getByRole('link', { name: 'All runs' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/\/compare\?a=.*&b=/);
    await expect(page.locator('.compare-verdict')).toContainText('The runs differ from the first step in input');
    await expect(page.locator('#first-difference')).toContainText('first run');
  });
});
