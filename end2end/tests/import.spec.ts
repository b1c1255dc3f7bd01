// Opening a downloaded history file: the upload form, the imported history's views, a file that
// is not a history. Runs with JavaScript on and off (the form is a plain multipart POST).
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl } from './support/urls';

test.describe('open a history file', () => {
  test('a downloaded history opens with its input, failure and events', async ({ app, page, request }) => {
    const failed = fixture('failed');
    const download = await request.get(`${historyUrl(failed.workflow_id, failed.run_id)}.json`);
    expect(download.status()).toBe(200);
    const json = await download.body();

    await app.goto('/import');
    await page.getByLabel('History file').setInputFiles({ name: 'failed-run.json', mimeType: 'application/json', buffer: json });
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('failed-run.json');
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary).toContainText('Failed');
    await expect(summary).toContainText(failed.workflow_type as string);
    const history = page.getByRole('region', { name: /^Event history/ });
    await expect(history).toContainText(`(${failed.history_length} events)`);
    await expect(page.getByRole('region', { name: 'Failure' })).toContainText(failed.failure_message as string);

    // The history views work on the import as on a live run.
    await history.getByRole('navigation', { name: 'Event categories' }).getByRole('link', { name: 'Activity', exact: true }).click();
    await expect(page).toHaveURL(/\/import\/[0-9a-f-]{36}\?category=activity$/);
    await expect(history).toContainText(`of ${failed.history_length} events)`);
  });

  test('a file that is not a history is turned back with the reason', async ({ app, page }) => {
    await app.goto('/import');
    await page.getByLabel('History file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"events": []}') });
    const [response] = await Promise.all([
      page.waitForResponse((response) => response.url().includes('/import?error=')),
      page.getByRole('button', { name: 'Open' }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('This file is not a Temporal history: the file holds no events');
  });
});
