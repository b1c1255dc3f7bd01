// The colour theme: the settings form keeps the choice in a cookie and every page's <html> says
// it to the stylesheet; "System" follows the browser again. A plain POST form: JS on and off.
import { test, expect } from './support/app';
import { workflowsUrl } from './support/urls';

test.describe('colour theme', () => {
  test('choosing dark, then system, in the settings', async ({ app, page }) => {
    const back = workflowsUrl();
    await app.goto(`/settings?back=${encodeURIComponent(back)}`);
    const html = page.locator('html');
    await expect(html).not.toHaveAttribute('data-theme');
    await expect(page.getByRole('radio', { name: 'System (follows the browser)' })).toBeChecked();

    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save theme' }).click();
    await expect(page).toHaveURL(new RegExp(`${back}$`));
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(15, 18, 22)');

    await app.goto('/settings');
    await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
    await page.getByRole('radio', { name: 'System (follows the browser)' }).check();
    await page.getByRole('button', { name: 'Save theme' }).click();
    await expect(html).not.toHaveAttribute('data-theme');
  });
});
