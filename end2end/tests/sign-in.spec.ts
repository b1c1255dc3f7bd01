// Sign-in through a real OpenID provider (end2end/oidc/provider.mjs, npm `oidc-provider`) on a
// third server with TEMPORAL_AUTH_ENABLED (`cargo xtask test` starts both and sets
// TDBG_SIGN_IN_URL). Accounts: olive (groups [oncall] → operator), reed (groups [viewers] →
// reader). Access tokens last 10 s there, so waiting past them exercises the refresh. Every test
// runs with JavaScript on and off (the two Playwright projects).
import type { Page } from '@playwright/test';
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl, workflowsUrl } from './support/urls';

function signInBase(): string {
  const url = process.env.TDBG_SIGN_IN_URL;
  if (!url) throw new Error('TDBG_SIGN_IN_URL is not set (`cargo xtask test` starts a server with sign-in on)');
  return url.replace(/\/$/, '');
}

/** On the provider's login page: signs in as `account` (the dev login takes any password). */
async function signInAtProvider(page: Page, account: string): Promise<void> {
  await expect(page.locator('input[name="login"]')).toBeVisible();
  expect(new URL(page.url()).origin, 'the login page is the provider’s').not.toBe(new URL(signInBase()).origin);
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

/** A run link with a query, as a teammate would paste it. */
function runLink(): string {
  const workflow = fixture('completed');
  return `${historyUrl(workflow.workflow_id, workflow.run_id)}?order=desc`;
}

async function signIn(page: Page, account: string, path = runLink()): Promise<void> {
  await page.goto(signInBase() + path);
  await signInAtProvider(page, account);
  await expect(page).toHaveURL(signInBase() + path);
}

test.describe('sign-in (OIDC)', () => {
  test('a run link opened signed out signs in at the provider and comes back to that exact URL', async ({ app, page }) => {
    const link = runLink();
    await page.goto(signInBase() + link);
    await signInAtProvider(page, 'olive');
    await expect(page).toHaveURL(signInBase() + link);
    if (app.javaScriptEnabled) await app.hydrated();
    await expect(page.locator('.signed-in-user')).toHaveText('olive@example.com');
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(app.eventRows.first()).toBeVisible();
    // The next page opens with the same session.
    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/namespaces/[^/]+/workflows`));
    await expect(app.workflowRows.first()).toBeVisible();
  });

  test('after the access token expires, pages still open (the session is refreshed)', async ({ app, page, context }) => {
    test.setTimeout(60_000);
    await signIn(page, 'olive');
    const session = async () => (await context.cookies()).find((cookie) => cookie.name === 'tdbg_session_0')?.value;
    const before = await session();
    expect(before).toBeTruthy();
    await page.waitForTimeout(11_000);
    const response = await page.goto(signInBase() + workflowsUrl());
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(signInBase() + workflowsUrl());
    if (app.javaScriptEnabled) await app.hydrated();
    await expect(page.locator('.signed-in-user')).toHaveText('olive@example.com');
    await expect(app.workflowRows.first()).toBeVisible();
    expect(await session(), 'the refreshed session replaced the cookie').not.toBe(before);
  });

  test('signing out ends the session: pages ask to sign in again, server functions get 401', async ({ app, page }) => {
    await signIn(page, 'olive');
    if (app.javaScriptEnabled) await app.hydrated();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The provider ends its own session too (RP-initiated logout), after asking.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(new RegExp(`^${signInBase()}/auth/logged-out`));
    await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
    const api = await page.request.post(`${signInBase()}/api/list_namespaces`);
    expect(api.status()).toBe(401);
    expect(await api.text()).toContain('Sign in first');
    await page.goto(signInBase() + runLink());
    await expect(page.locator('input[name="login"]')).toBeVisible();
  });

  test('a reader reads pages and downloads; forged sign-outs are refused', async ({ app, page }) => {
    const workflow = fixture('completed');
    await signIn(page, 'reed');
    if (app.javaScriptEnabled) await app.hydrated();
    await expect(page.locator('.signed-in-user')).toHaveText('reed@example.com');
    await expect(app.eventRows.first()).toBeVisible();
    const download = await page.request.get(`${signInBase()}${historyUrl(workflow.workflow_id, workflow.run_id)}.json`);
    expect(download.status()).toBe(200);
    // Without the form's CSRF token, or from another origin, sign-out is refused.
    const origin = new URL(signInBase()).origin;
    const noToken = await page.request.post(`${signInBase()}/auth/logout`, { form: { csrf: 'guess' }, headers: { origin } });
    expect(noToken.status()).toBe(403);
    const elsewhere = await page.request.post(`${signInBase()}/auth/logout`, {
      form: { csrf: (await page.locator('meta[name="tdbg-csrf"]').getAttribute('content')) ?? '' },
      headers: { origin: 'http://evil.example' },
    });
    expect(elsewhere.status()).toBe(403);
    await page.reload();
    await expect(page.locator('.signed-in-user')).toHaveText('reed@example.com');
  });

  test('a reader sees no action and their write is refused with 403; an operator gets the actions', async ({ app, page }) => {
    const workflow = fixture('signal_waiter');
    const run = historyUrl(workflow.workflow_id, workflow.run_id).replace(/\/history$/, '');
    await signIn(page, 'reed');
    await page.goto(`${signInBase()}${run}/history`);
    if (app.javaScriptEnabled) await app.hydrated();
    await expect(app.runHeading).toContainText(workflow.workflow_id);
    await expect(page.getByRole('navigation', { name: 'Actions on this run' })).toHaveCount(0);
    const form = await page.goto(`${signInBase()}${run}/actions/signal`);
    expect(form?.status()).toBe(200);
    await expect(page.getByRole('alert')).toContainText('reed@example.com has a read-only role');
    const csrf = (await page.locator('meta[name="tdbg-csrf"]').getAttribute('content')) ?? '';
    const write = await page.request.post(`${signInBase()}${run}/actions/signal`, {
      form: { csrf, run_id: workflow.run_id, name: 'approve', input: '"reed"' },
      headers: { origin: new URL(signInBase()).origin },
    });
    expect(write.status()).toBe(403);
    expect(await write.text()).toContain('read-only role');

    await page.context().clearCookies();
    await signIn(page, 'olive');
    await page.goto(`${signInBase()}${run}/history`);
    await expect(page.getByRole('navigation', { name: 'Actions on this run' })).toContainText('Signal');
  });

  test('without a session, server functions and downloads answer 401', async ({ page }) => {
    const workflow = fixture('completed');
    const api = await page.request.post(`${signInBase()}/api/list_namespaces`);
    expect(api.status()).toBe(401);
    const download = await page.request.get(`${signInBase()}${historyUrl(workflow.workflow_id, workflow.run_id)}.json`);
    expect(download.status()).toBe(401);
    const health = await page.request.get(`${signInBase()}/healthz`);
    expect(health.status()).toBe(200);
  });
});
