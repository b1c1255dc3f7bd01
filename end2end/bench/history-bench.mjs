// History benchmark: how a long history opens in Chromium. For each size, with JavaScript on and
// off, it opens three pages: the history (its first page of events, "first screen"), the history
// newest first (`?order=desc`, where the last event is the first row) and the last event's
// permalink. It prints the time to first byte and first paint, the time until the awaited row is
// in the page, the bytes transferred, the JS heap after load and how long the tab takes to answer
// after load. With --server-pid, it also prints the server's resident memory (VmRSS) and its peak
// (VmHWM) after each size.
//
//   node end2end/bench/history-bench.mjs [--base http://127.0.0.1:3000] [--temporal 127.0.0.1:7233]
//        [--sizes 8000,50000] [--reuse 8000=workflowId/runId,…] [--server-pid PID] [--size 1000]
//
// Needs a running debugger (`cargo xtask dev`) and its Temporal; creates one history per size
// with make_history.py (about 30 s for 8,000 events and 3 min for 50,000 on the dev server).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const base = option('base', 'http://127.0.0.1:3000').replace(/\/$/, '');
const temporal = option('temporal', '127.0.0.1:7233');
const sizes = option('sizes', '8000,50000').split(',').map(Number);
const reuse = option('reuse', ''); // "8000=workflowId/runId,50000=…" to skip creating histories

function makeHistory(events) {
  const known = Object.fromEntries(reuse.split(',').filter(Boolean).map((pair) => pair.split('=')));
  if (known[events]) {
    const [workflow_id, run_id] = known[events].split('/');
    return { workflow_id, run_id, events };
  }
  const python = path.join(root, '.tools/venv/bin/python');
  const out = execFileSync(python, [path.join(here, 'make_history.py'), '--address', temporal, '--events', String(events)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const serverPid = option('server-pid', '');
// Events per page of the table (`?size=`, 100–5,000); the server's default when not given.
const pageSize = option('size', '');

function serverMemory() {
  if (!serverPid) return {};
  const status = readFileSync(`/proc/${serverPid}/status`, 'utf8');
  const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+)`)) ?? [])[1] ?? 0);
  return { 'server RSS (MB)': (kb('VmRSS') / 1024).toFixed(0), 'server peak RSS (MB)': (kb('VmHWM') / 1024).toFixed(0) };
}

// What each measured page is, and which row (or element) it waits for.
const views = (run) => {
  const history = `${base}/namespaces/default/workflows/${encodeURIComponent(run.workflow_id)}/${run.run_id}/history`;
  const size = pageSize ? `size=${pageSize}` : '';
  const query = (...params) => {
    const all = [...params, size].filter(Boolean);
    return all.length ? `?${all.join('&')}` : '';
  };
  return [
    { view: 'first screen', url: `${history}${query()}`, row: 1 },
    { view: 'newest first', url: `${history}${query('order=desc')}`, row: run.events },
    { view: 'last event link', url: `${history}/events/${run.events}${query()}`, row: run.events },
    // The timeline tab reads the whole history and draws it: it waits for the drawing. A closed
    // run's long history is read once (the first of these, JavaScript on); the other views use
    // the lanes the server kept.
    { view: 'timeline', url: history.replace(/\/history$/, '/timeline'), selector: '.timeline-svg' },
    { view: 'timeline filtered', url: history.replace(/\/history$/, '/timeline?kind=signal,workflow-task'), selector: '.timeline-svg' },
  ];
};

async function measure(browser, { url, row, selector }, javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const started = Date.now();
  const response = await page.goto(url, { waitUntil: 'commit', timeout: 600_000 });
  await page.waitForSelector(selector ?? `#event-${row}`, { state: 'attached', timeout: 600_000 });
  const lastEventMs = Date.now() - started;
  await page.waitForLoadState('load', { timeout: 600_000 });
  // A responsive tab answers a trivial evaluation quickly.
  const probe = Date.now();
  await page.evaluate(() => 1);
  const evalMs = Date.now() - probe;
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const resources = performance.getEntriesByType('resource');
    const bytes = nav.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0);
    const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
    return { ttfb: nav.responseStart, firstPaint: paint ? paint.startTime : null, bytes, heap };
  });
  const rows = await page.locator('tr.event').count();
  await context.close();
  return { status: response.status(), lastEventMs, evalMs, rows, ...timings };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--enable-precise-memory-info'],
});
const rows = [];
for (const size of sizes) {
  const run = makeHistory(size);
  for (const view of views(run)) {
    for (const js of [true, false]) {
      const result = await measure(browser, view, js);
      rows.push({
        events: run.events,
        view: view.view,
        js: js ? 'on' : 'off',
        status: result.status,
        'first byte (ms)': Math.round(result.ttfb),
        'first paint (ms)': result.firstPaint === null ? '-' : Math.round(result.firstPaint),
        'row in page (ms)': result.lastEventMs,
        rows: result.rows,
        'transferred (MB)': (result.bytes / 1e6).toFixed(2),
        'JS heap (MB)': js && result.heap ? (result.heap / 1e6).toFixed(1) : '-',
        'eval after load (ms)': result.evalMs,
      });
    }
  }
  console.log(JSON.stringify({ events: run.events, ...serverMemory() }));
}
await browser.close();
console.table(rows);
