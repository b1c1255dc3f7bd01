// Errors are pages too: a role="alert" section with "<status> · <title>" and the message, and the
// same HTTP status on the response.
import { randomUUID } from 'node:crypto';
import { test, expect } from './support/app';
import { fixture, manifest } from './support/manifest';
import { historyUrl, workflowUrl, workflowsUrl } from './support/urls';

test.describe('errors', () => {
  test('an unknown workflow ID is a 404', async ({ app }) => {
    const id = `${manifest().prefix}-no-such-workflow-${randomUUID()}`;
    const response = await app.goto(workflowUrl(id));
    expect(response.status()).toBe(404);
    await expect(app.alert.getByRole('heading')).toHaveText('404 · Not found');
    await expect(app.alert.locator('.error-message')).toContainText(`workflow "${id}" was not found`);
  });

  test('an unknown run ID is a 404', async ({ app }) => {
    const workflow = fixture('completed');
    const runId = randomUUID();
    const response = await app.goto(historyUrl(workflow.workflow_id, runId));
    expect(response.status()).toBe(404);
    await expect(app.alert.getByRole('heading')).toHaveText('404 · Not found');
    await expect(app.alert.locator('.error-message')).toContainText(runId);
    await expect(app.alert.locator('.error-message')).toContainText('not found');
    await expect(app.eventRows).toHaveCount(0);
  });

  test('an unknown path is a 404', async ({ app, page }) => {
    for (const path of ['/no/such/page', `${workflowsUrl()}/x/y/history/extra`]) {
      const response = await app.goto(path);
      expect(response.status(), path).toBe(404);
      await expect(app.alert.getByRole('heading')).toHaveText('404 · Not found');
      await expect(app.alert).toContainText('There is no page at this address.');
    }
    await app.alert.getByRole('link').click();
    await expect(page).toHaveURL(/\/namespaces\/default\/workflows$/);
  });

  test('an unknown namespace is a 404', async ({ app }) => {
    const namespace = `no-such-namespace-${randomUUID()}`;
    const response = await app.goto(workflowsUrl(undefined, namespace));
    expect(response.status()).toBe(404);
    await expect(app.alert.getByRole('heading')).toHaveText('404 · Not found');
    await expect(app.alert.locator('.error-message')).toContainText(namespace);
  });

  test('a malformed run ID or page token is a 400', async ({ app }) => {
    const workflow = fixture('completed');
    let response = await app.goto(historyUrl(workflow.workflow_id, 'not-a-run-id'));
    expect(response.status()).toBe(400);
    await expect(app.alert.getByRole('heading')).toHaveText('400 · Bad request');

    response = await app.goto(`${workflowsUrl()}?next=garbage`);
    expect(response.status()).toBe(400);
    await expect(app.alert.getByRole('heading')).toHaveText('400 · Bad request');
    await expect(app.alert.locator('.error-message')).toContainText('page token');
  });
});
