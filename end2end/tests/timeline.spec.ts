// The timeline tab: a server-drawn SVG (there with JavaScript off, with a <title> per bar), zoom
// links that keep their state in the URL, and bars that open their event in the history.
import { test, expect } from './support/app';
import { fixture } from './support/manifest';
import { pathPattern, runUrl } from './support/urls';

test.describe('timeline', () => {
  test('lanes are drawn with titles; zoom keeps the window in the URL; a bar opens its event', async ({ app, page }) => {
    const run = fixture('parent');
    const base = `${runUrl(run.workflow_id, run.run_id)}/timeline`;
    await app.goto(base);
    const drawing = page.locator('svg.timeline-svg');
    await expect(drawing).toBeVisible();
    const children = (run.children ?? []).length;
    await expect(drawing.locator('g.lane-child-workflow')).toHaveCount(children);
    await expect(drawing.locator('rect.bar title').first()).not.toBeEmpty();

    await page.getByRole('link', { name: 'Zoom in' }).click();
    await expect(page).toHaveURL(/\/timeline\?from=\d+&to=\d+$/);
    await expect(page.locator('svg.timeline-svg')).toBeVisible();
    await page.getByRole('link', { name: 'Whole run' }).click();
    await expect(page).toHaveURL(pathPattern(base));

    await page.locator('svg.timeline-svg g.lane-child-workflow a').first().click();
    await expect(page).toHaveURL(/\/history\/events\/\d+$/);
    await expect(page.locator('tr[aria-current="true"]').first()).toBeVisible();
  });

  test('a bar under the pointer or focus shows its details; a drag zooms into its stretch', async ({ app, page }) => {
    test.skip(!app.javaScriptEnabled, 'the details card and drag zoom are the hydrated page');
    const run = fixture('parent');
    await app.goto(`${runUrl(run.workflow_id, run.run_id)}/timeline`);
    const card = page.locator('.timeline-card');
    await expect(card).toContainText('drag across the drawing to zoom in');
    const bar = page.locator('svg.timeline-svg g.lane-child-workflow rect.bar').first();
    const title = (await bar.locator('title').textContent()) ?? '';
    expect(title).not.toEqual('');
    await bar.hover();
    await expect(card).toHaveText(title);
    await page.locator('svg.timeline-svg g.lane-child-workflow a').first().focus();
    await expect(card).toHaveText(title);

    const box = await page.locator('.timeline-frame').boundingBox();
    if (!box) throw new Error('no drawing');
    const y = box.y + 10;
    await page.mouse.move(box.x + box.width * 0.4, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 4 });
    await expect(page.locator('.timeline-selection')).toBeVisible();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
    await page.mouse.up();
    await expect(page).toHaveURL(/\/timeline\?from=\d+&to=\d+$/);
    const url = new URL(page.url());
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    expect(to).toBeGreaterThan(from);
    await expect(page.locator('svg.timeline-svg')).toBeVisible();
    expect(app.pageErrors).toEqual([]);
  });

  test('the lane filter keeps only the chosen kinds', async ({ app, page }) => {
    const run = fixture('parent');
    await app.goto(`${runUrl(run.workflow_id, run.run_id)}/timeline`);
    await page.getByLabel('Workflow tasks', { exact: true }).check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/kind=workflow-task/);
    await expect(page.locator('svg.timeline-svg g.lane')).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: 'match the filters' })).toBeVisible();
  });
});
