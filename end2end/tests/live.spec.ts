// Live updates: a running workflow's page follows its history by itself (JavaScript only).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect } from './support/app';
import { fixture, manifest } from './support/manifest';
import { historyUrl } from './support/urls';

const temporalCli = path.resolve(__dirname, '../../.tools/venv/bin/temporal');

test.describe('live updates without JavaScript', () => {
  test('the indicator says live updates need JavaScript', async ({ app, page }) => {
    test.skip(app.javaScriptEnabled, 'the island streams with JavaScript on');
    const run = fixture('sleeping');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(page.locator('.live-updates')).toContainText('Live updates (with JavaScript)');
  });
});

test.describe('live updates', { tag: '@js-only' }, () => {
  test('a signal shows up without a reload, and the run closes on the page', async ({ app, page }) => {
    const run = fixture('live_e2e');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const live = page.locator('.live-updates');
    await expect(live).toContainText('Live: new events appear by themselves');
    await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
    const address = process.env.TDBG_TEMPORAL_ADDRESS ?? manifest().address;
    execFileSync(temporalCli, [
      'workflow', 'signal', '--address', address, '--namespace', manifest().namespace,
      '--workflow-id', run.workflow_id, '--name', run.signal_name as string, '--input', '"playwright"',
    ]);
    await expect(page.locator('.status-badge').first()).toHaveText('Completed', { timeout: 15_000 });
    await expect(page.locator('td.event-type', { hasText: 'WorkflowExecutionSignaled' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
    // Closed runs do not stream.
    await expect(live).toHaveCount(0);
  });

  test('live updates can be paused and resumed', async ({ app, page }) => {
    const run = fixture('sleeping');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const live = page.locator('.live-updates');
    await expect(live).toContainText('Live: new events appear by themselves');
    await live.getByRole('button', { name: 'Pause' }).click();
    await expect(live).toContainText('Live updates paused');
    await live.getByRole('button', { name: 'Resume' }).click();
    await expect(live).toContainText('Live: new events appear by themselves');
  });

  test('Refresh swaps the run view in place: the pause holds and the summary asks the worker again', async ({ app, page }) => {
    const run = fixture('signal_waiter');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const live = page.locator('.live-updates');
    await expect(live).toContainText('Live: new events appear by themselves');
    await live.getByRole('button', { name: 'Pause' }).click();
    await expect(app.fact('Current details')).toContainText('Waiting for **approval**');
    await page.evaluate(() => {
      (window as unknown as { __stayed: boolean }).__stayed = true;
      document.querySelector('pre.current-details')?.remove();
    });
    await page.getByRole('link', { name: 'Refresh' }).click();
    // The swapped-in summary's island asked the worker again.
    await expect(page.locator('pre.current-details')).toContainText('Waiting for **approval**');
    await expect(live).toContainText('Live updates paused');
    expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
