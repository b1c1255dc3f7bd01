// Keyboard moves through a run's history (islands/history_keys.rs): j/k select rows, Enter opens
// the selected event's permalink, / goes to the search; keys typed in a field are left alone.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { historyUrl } from './support/urls';

const completed = () => fixture('completed');
const completedHistory = () => historyUrl(completed().workflow_id, completed().run_id);

test.describe('history keyboard moves @js-only', () => {
  test('j and k move the selection, Enter opens the event, / goes to the search', async ({ app, page }) => {
    await app.goto(completedHistory());
    await expect(page.getByText('j/k to move, Enter to open, / to search')).toBeVisible();
    const cursor = page.locator('table.events-table tr.event-cursor');
    await expect(cursor).toHaveCount(0);

    await page.keyboard.press('j');
    await expect(cursor).toHaveAttribute('id', 'event-1');
    await expect(cursor).toBeFocused();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(cursor).toHaveAttribute('id', 'event-3');
    await page.keyboard.press('k');
    await expect(cursor).toHaveAttribute('id', 'event-2');
    await expect(cursor).toHaveCount(1);

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/history\/events\/2$/);
    await expect(page.locator('#event-2')).toHaveAttribute('aria-current', 'true');

    // From the linked event, j goes on after it.
    await app.hydrated();
    await page.keyboard.press('j');
    await expect(cursor).toHaveAttribute('id', 'event-3');

    const search = page.getByRole('searchbox', { name: 'Search events' });
    await expect(search).toHaveAttribute('aria-keyshortcuts', '/');
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    // Typing in the field types: j is a letter there, not a move.
    await page.keyboard.type('jk');
    await expect(search).toHaveValue('jk');
    await expect(cursor).toHaveAttribute('id', 'event-3');
  });

  test('modifier keys are left to the browser', async ({ app, page }) => {
    await app.goto(completedHistory());
    await page.keyboard.press('Control+j');
    await page.keyboard.press('Alt+j');
    await expect(page.locator('tr.event-cursor')).toHaveCount(0);
  });
});

test.describe('history keyboard hint without JavaScript', () => {
  test('the hint is hidden when the keys cannot work', async ({ app, page }) => {
    test.skip(app.javaScriptEnabled, 'with JavaScript the island shows it');
    await app.goto(completedHistory());
    await expect(page.locator('#history-keys-hint')).toBeHidden();
  });
});
