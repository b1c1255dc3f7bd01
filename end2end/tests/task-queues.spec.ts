// Task queues, the namespace and the cluster: the verdict in words, reachable from a run, from
// the header and from the namespace's queue list, with JavaScript on and off.
import { test, expect } from './support/app';
import { fixture, manifest } from './support/manifest';
import { runUrl } from './support/urls';

const seg = encodeURIComponent;
const queueUrl = (queue: string) => `/namespaces/${seg(manifest().namespace)}/task-queues/${seg(queue)}`;

test.describe('task queues', () => {
  test('a run whose queue falls behind links to the queue, which says so', async ({ app, page }) => {
    const { backlog } = manifest();
    await app.goto(`${runUrl(backlog.workflow_id, backlog.run_id)}/workers`);
    await page.getByRole('link', { name: `Task queue ${backlog.task_queue}` }).click();
    await expect(page).toHaveURL(new RegExp(`${queueUrl(backlog.task_queue)}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(backlog.task_queue);
    // The backlog needs ten seconds to count as falling behind; reload until it does.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('region', { name: 'Activity tasks' })).toContainText('falling behind', {
        timeout: 1_000,
      });
    }).toPass({ timeout: 25_000 });
    await expect(page.getByRole('region', { name: 'Activity tasks' })).toContainText('Oldest task waiting');
    await expect(page.getByRole('region', { name: 'Workflow tasks' })).toContainText('keeping up');
  });

  test('the namespace lists its queues; the unpolled one says nobody polls', async ({ app, page }) => {
    const queue = fixture('unpolled').task_queue;
    await app.goto(`/namespaces/${seg(manifest().namespace)}/workflows`);
    await page.getByRole('navigation').getByRole('link', { name: 'Task queues' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Task queues in');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: queue, exact: true }) });
    await expect(row).toContainText('nobody polls');
    await row.getByRole('link', { name: queue, exact: true }).click();
    await expect(page.getByRole('alert').first()).toContainText(`Nobody polls task queue "${queue}" for workflow tasks`);
  });

  test('the namespace and cluster pages answer from the header', async ({ app, page }) => {
    await app.goto(`/namespaces/${seg(manifest().namespace)}/workflows`);
    await page.getByRole('navigation').getByRole('link', { name: 'Namespace', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Search attributes' })).toContainText('CustomerId');
    await expect(page.getByRole('region', { name: 'Settings' })).toContainText('Retention');
    const { versioned } = manifest();
    await expect(page.getByRole('region', { name: 'Worker deployments' })).toContainText(
      `${versioned.build_id}: Current since`,
    );
    await page.getByRole('link', { name: 'Cluster', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Server' })).toContainText('Server version');
    await expect(page.getByRole('region', { name: 'Capabilities' })).toContainText('signal and query header');
  });
});
