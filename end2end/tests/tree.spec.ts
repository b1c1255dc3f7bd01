// The run's Tree tab (fixtures/tree.py): reached from the Relationships tab, the family nested
// with its statuses, folded and cut at a depth through links and a GET form, with JavaScript on
// and off; with JavaScript on, the open root's tree is live.
import { test, expect } from './support/app';
import { manifest } from './support/manifest';
import { runUrl } from './support/urls';

interface TreeEntry {
  root: { workflow_id: string; run_id: string };
  middle: { workflow_id: string; run_id: string };
  broken_message: string;
}

const family = () => (manifest() as unknown as { tree: TreeEntry }).tree;
// A node's `li` holds its descendants: the innermost match (the last in document order) is the node itself.
const id = (name: string) => family().root.workflow_id.replace(/-root$/, `-${name}`);

test.describe('the tree of descendants', () => {
  test('nests the family, folds completed runs and cuts at a depth', async ({ app, page }) => {
    const { root } = family();
    await app.goto(`${runUrl(root.workflow_id, root.run_id)}/relationships`);
    await page.getByRole('link', { name: 'This run and all its descendants, as a tree' }).click();
    await expect(page).toHaveURL(/\/tree$/);
    const tree = page.getByRole('region', { name: 'This run and its descendants' });
    await expect(tree).toContainText('6 descendants. Some are still running.');
    const middle = tree.locator('li.tree-node').filter({ has: page.getByRole('link', { name: id('middle'), exact: true }) }).last();
    await expect(middle.getByRole('link', { name: id('grand-waiting'), exact: true })).toBeVisible();
    const broken = tree.locator('li.tree-node').filter({ has: page.getByRole('link', { name: id('broken'), exact: true }) }).last();
    await expect(broken.locator('.status-badge').first()).toHaveText('Failed');
    await expect(broken.locator('.tree-failure')).toHaveText(family().broken_message);

    await tree.getByRole('link', { name: 'Fold completed' }).click();
    await expect(tree).toContainText('2 runs hidden (Completed)');
    await expect(tree.getByRole('link', { name: id('done'), exact: true })).toHaveCount(0);
    await expect(tree.getByRole('link', { name: id('grand-waiting'), exact: true })).toBeVisible();

    await tree.getByLabel('Levels shown').fill('1');
    await tree.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/fold=Completed&depth=1$/);
    await expect(tree).toContainText('more below');
    await expect(tree.getByRole('link', { name: id('grand-waiting'), exact: true })).toHaveCount(0);
  });

  test('a middle run shows its subtree and links to the root tree', async ({ app, page }) => {
    const { middle } = family();
    await app.goto(`${runUrl(middle.workflow_id, middle.run_id)}/tree`);
    const tree = page.getByRole('region', { name: 'This run and its descendants' });
    await expect(tree).toContainText('2 descendants.');
    await tree.getByRole('link', { name: id('root'), exact: true }).click();
    await expect(page.getByRole('region', { name: 'This run and its descendants' })).toContainText('6 descendants.');
  });
});

test.describe('the live tree', { tag: '@js-only' }, () => {
  test('an open root follows its history', async ({ app, page }) => {
    const { root } = family();
    await app.goto(`${runUrl(root.workflow_id, root.run_id)}/tree`);
    await expect(page.locator('.live-updates')).toContainText('Live: new events appear by themselves');
    await page.getByRole('link', { name: 'Refresh' }).click();
    await expect(page.getByRole('region', { name: 'This run and its descendants' })).toContainText('6 descendants.');
    expect(app.pageErrors).toEqual([]);
  });
});
