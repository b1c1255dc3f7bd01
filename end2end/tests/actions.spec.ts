// Write actions in a browser, with JavaScript on and off, on the server behind nginx under
// /temporal that allows them: start a copy of the waiting approval run, signal it, terminate
// another copy (typed confirmation), reset one; the read-only server offers none of it and refuses
// the same POST. Copies keep the shared fixtures untouched.
import { readFileSync } from 'node:fs';
import { test, expect } from './support/app';
import type { Page } from '@playwright/test';
import { fixture, manifest } from './support/manifest';

function writable(): string {
  const url = process.env.TDBG_PUBLIC_PATH_URL;
  if (!url) throw new Error('TDBG_PUBLIC_PATH_URL is not set (`cargo xtask test` starts the writable server under /temporal)');
  return url.replace(/\/$/, '');
}

function runUrl(base: string, workflowId: string, runId: string, tab = 'history'): string {
  const ns = encodeURIComponent(manifest().namespace);
  return `${base}/namespaces/${ns}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/${tab}`;
}

/** The run's action links (a history filter is also called "Signal"). */
function action(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Actions on this run' }).getByRole('link', { name, exact: true });
}

/** Starts a copy of the waiting approval fixture through "Start another like this"; answers its IDs. */
async function startCopy(page: Page, label: string): Promise<{ workflowId: string; runId: string }> {
  const waiter = fixture('signal_waiter');
  await page.goto(runUrl(writable(), waiter.workflow_id, waiter.run_id));
  await action(page, 'Start another like this').click();
  // Not under the fixtures' prefix: other specs count exactly the fixtures.
  const workflowId = `act-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.locator('input[name=workflow_id]').fill(workflowId);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This is the run just started' })).toBeVisible();
  const match = new URL(page.url()).pathname.match(/\/workflows\/[^/]+\/([^/]+)\/history$/);
  if (!match) throw new Error(`not a run's history: ${page.url()}`);
  return { workflowId, runId: decodeURIComponent(match[1]) };
}

test.describe('write actions', () => {
  test('start a copy, signal it, and see the signal and the completion in its history', async ({ page }) => {
    const { workflowId, runId } = await startCopy(page, 'signal');
    await action(page, 'Signal').click();
    await page.locator('input[name=name]').fill('approve');
    await page.locator('input[name=input]').fill('"playwright@example.com"');
    await page.getByRole('button', { name: 'Send signal' }).click();
    await expect(page).toHaveURL(new RegExp(`${encodeURIComponent(runId)}/history\\?done=signal$`));
    await expect(page.getByRole('status').filter({ hasText: 'Signal sent' })).toBeVisible();
    await expect(async () => {
      await page.goto(runUrl(writable(), workflowId, runId));
      await expect(page.getByText('WorkflowExecutionSignaled').first()).toBeVisible({ timeout: 1000 });
      await expect(page.getByText('WorkflowExecutionCompleted').first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const audit = readFileSync(process.env.TDBG_WRITABLE_AUDIT_LOG ?? '', 'utf8');
    expect(audit).toContain(`"workflow_id":"${workflowId}"`);
  });

  test('terminate asks for the workflow ID typed out, then ends the run', async ({ page }) => {
    const { workflowId, runId } = await startCopy(page, 'terminate');
    await action(page, 'Terminate…').click();
    await page.locator('input[name=reason]').fill('playwright: stuck');
    await page.locator('input[name=confirm]').fill('not the id');
    await page.getByRole('button', { name: 'Terminate' }).click();
    await expect(page.getByRole('alert')).toContainText('type the workflow ID');
    await page.goto(runUrl(writable(), workflowId, runId, 'actions/terminate'));
    await page.locator('input[name=reason]').fill('playwright: stuck');
    await page.locator('input[name=confirm]').fill(workflowId);
    await page.getByRole('button', { name: 'Terminate' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Run terminated' })).toBeVisible();
    await expect(page.getByText('WorkflowExecutionTerminated').first()).toBeVisible({ timeout: 10_000 });
  });

  test('reset offers the workflow tasks in words and leads to the new run', async ({ page }) => {
    const { workflowId, runId } = await startCopy(page, 'reset');
    await action(page, 'Reset…').click();
    // The copy's first workflow task may still be running: the form lists it once it completed.
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('(start over)')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await page.locator('input[name=confirm]').fill(workflowId);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'the new run the reset made' })).toBeVisible();
    expect(page.url()).not.toContain(encodeURIComponent(runId));
  });

  test('the read-only server offers no action and refuses the POST', async ({ app, page }) => {
    const waiter = fixture('signal_waiter');
    await app.goto(runUrl('', waiter.workflow_id, waiter.run_id));
    await expect(app.runHeading).toContainText(waiter.workflow_id);
    await expect(page.getByRole('navigation', { name: 'Actions on this run' })).toHaveCount(0);
    const action = runUrl('', waiter.workflow_id, waiter.run_id, 'actions/terminate');
    // As the page's own form would send it (same Origin), so the write policy is what refuses it.
    const origin = new URL(page.url()).origin;
    const refused = await page.request.post(action, {
      form: { run_id: waiter.run_id, confirm: waiter.workflow_id },
      headers: { Origin: origin },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('write actions are off');
    // From another site, or with no Origin at all, the origin rule refuses it first.
    const crossSite = await page.request.post(action, {
      form: { run_id: waiter.run_id, confirm: waiter.workflow_id },
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status()).toBe(403);
    expect(await crossSite.text()).toContain('another site');
  });
});
