// Side-by-side benchmark: the debugger and the official Temporal UI (the one `temporal server
// start-dev` serves on its --ui-port, 2.54.1 with temporal CLI 1.9.1), on the same Temporal and the
// same runs, in Chromium. Four pages: the namespace's workflow list, a small run's history (the
// fixture `completed`), an 8,000-event history, and the pending activities of a run that has one
// (the fixture `retrying`). Every measurement is a first visit with an empty cache (a new browser
// context), unthrottled and on a throttled link (10 Mbit/s down and up, 40 ms latency, by CDP
// Network.emulateNetworkConditions); it prints the medians of --runs runs of:
//
// - bytes on the wire: the sum of CDP Network.loadingFinished's encodedDataLength (headers and
//   compressed bodies) over the app's own origin, and the number of requests that went to the
//   network (not those served from the cache);
// - content shown: ms from the document's request until the page's main content is in the page and
//   visible (the first animation frame in which it is: a frame cannot come before the
//   render-blocking CSS); see `pages` for the selectors of either app;
// - complete: ms from the document's request until the end of the last response, once no request was in
//   flight for 500 ms. Streams and long polls are not waited for (the debugger's live-history
//   EventSource on a running run, Temporal UI's `…/history?waitNewEvent=true`, held open until the
//   run has a new event), and requests after the quiet 500 ms (the UI's 10 s refresh of a running
//   run) are not counted;
// - a later visit: the same page again in the same context (warm cache), its bytes and requests.
//
// Then the bytes of the small run's history page by kind (WASM, JS, CSS, HTML, data), both apps.
// Requests to other origins (Temporal UI's newsfeed, unless the dev server was started with
// --ui-disable-news-fetch) are left out of the numbers and listed at the end.
//
//   node end2end/bench/side-by-side.mjs --manifest target/demo/manifest.json
//        [--ours http://127.0.0.1:3000] [--ui http://127.0.0.1:8233] [--namespace NS] [--runs 5]
//        [--large 8000 | --large WORKFLOW_ID/RUN_ID] [--temporal HOST:PORT]
//        [--small WORKFLOW_ID/RUN_ID] [--pending WORKFLOW_ID/RUN_ID] [--pages list,small,large,pending]
//        [--timeout 120]
//
// Needs the debugger (release build) and the Temporal dev server it reads, started with its UI
// (without --headless), the fixture worker that wrote the manifest (the `retrying` run must still be
// running), Chromium (/usr/bin/chromium, or CHROMIUM_PATH) and @playwright/test from
// end2end/node_modules. --large 8000 (the default) makes an 8,000-event history first with
// make_history.py (30 s to 3 min) and prints its IDs for --large WORKFLOW_ID/RUN_ID.
// See docs/benchmarks.md, "Side-by-side benchmark".
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
const ours = option('ours', 'http://127.0.0.1:3000').replace(/\/$/, '');
const theirs = option('ui', 'http://127.0.0.1:8233').replace(/\/$/, '');
const runs = Number(option('runs', '5'));
const timeoutMs = Number(option('timeout', '120')) * 1000;
const only = option('pages', 'list,small,large,pending').split(',');
const manifestPath = option('manifest', '');
if (!manifestPath) throw new Error('--manifest <path of the fixture manifest> is required');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const namespace = option('namespace', manifest.namespace ?? 'default');
const temporal = option('temporal', manifest.address ?? '127.0.0.1:7233');

const QUIET_MS = 500;
// 10 Mbit/s both ways and 40 ms, in bytes a second.
const THROTTLED = { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
// Requests that stay open on purpose, besides EventSource and WebSocket ones: not waited for by
// "complete".
const LONG_POLL = /[?&]waitNewEvent=true/;

function pair(text, what) {
  const cut = text.lastIndexOf('/');
  if (cut <= 0) throw new Error(`${what} takes WORKFLOW_ID/RUN_ID`);
  return { workflow_id: text.slice(0, cut), run_id: text.slice(cut + 1) };
}

function fixture(name, given) {
  if (given) return pair(given, `--${name}`);
  const entry = manifest.workflows?.[name];
  if (!entry) throw new Error(`the manifest has no fixture ${name}`);
  return entry;
}

function largeRun() {
  const large = option('large', '8000');
  if (!/^\d+$/.test(large)) return pair(large, '--large');
  console.log(`making a ${large}-event history on ${temporal} with make_history.py…`);
  const python = path.join(root, '.tools/venv/bin/python');
  const out = execFileSync(
    python,
    [path.join(here, 'make_history.py'), '--address', temporal, '--namespace', namespace, '--events', large],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const made = JSON.parse(out.trim().split('\n').pop());
  console.log(`  made ${made.events} events in ${made.seconds} s; reuse it with --large ${made.workflow_id}/${made.run_id}`);
  return made;
}

const seg = encodeURIComponent;
const ns = `/namespaces/${seg(namespace)}`;
const runPath = (run, tab) => `${ns}/workflows/${seg(run.workflow_id)}/${seg(run.run_id)}/${tab}`;
const retrying = fixture('retrying', option('pending', ''));
const activityType = retrying.pending_activity?.activity_type;

// Each page: its path (the same in both apps) and what "content shown" waits for in each.
const pages = [
  {
    key: 'list',
    name: 'workflow list',
    path: () => `${ns}/workflows`,
    ours: 'table.workflows-table tbody tr',
    theirs: '[data-testid="workflows-summary-configurable-table-row"]',
  },
  {
    key: 'small',
    name: 'small run (history)',
    path: () => runPath(fixture('completed', option('small', '')), 'history'),
    ours: 'table.events-table tbody tr',
    theirs: '[data-testid="event-summary-row"]',
  },
  {
    key: 'large',
    name: '8,000-event history',
    path: (() => {
      let made;
      return () => runPath((made ??= largeRun()), 'history');
    })(),
    ours: 'table.events-table tbody tr',
    theirs: '[data-testid="event-summary-row"]',
  },
  {
    key: 'pending',
    name: 'pending activities',
    path: () => runPath(retrying, 'pending-activities'),
    ours: 'section.pending-activity',
    // Temporal UI draws each pending activity as a card headed by an <h4> with its type (no test ID).
    theirs: activityType ? `h4:text-is("${activityType}")` : 'h4',
  },
].filter((page) => only.includes(page.key));

// Records the time of the first animation frame in which `selector` matches a visible element with
// text, in ms since the page's time origin. Playwright's own selector engine is not in the page, so
// `:text-is("…")` is checked by hand.
function watchContent(selector) {
  const textIs = selector.match(/^(.*):text-is\("(.*)"\)$/);
  const css = textIs ? textIs[1] : selector;
  const found = () =>
    [...document.querySelectorAll(css)].some(
      (element) =>
        (textIs ? element.textContent.trim() === textIs[2] : element.textContent.trim() !== '') &&
        element.checkVisibility() &&
        element.getBoundingClientRect().height > 0,
    );
  const frame = () => {
    if (found()) window.__contentShown = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

// Listens to CDP's Network domain of one page: requests by ID, from the app's own origin.
async function recorder(context, page, origin, throttled) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLED);
  const requests = new Map();
  const foreign = new Set();
  const log = { requests, foreign, lastActivity: 0, navigationStart: null, navigationWallTime: null };
  const now = (timestamp) => timestamp * 1000; // CDP's monotonic seconds, in ms
  cdp.on('Network.requestWillBeSent', (event) => {
    const url = event.request.url;
    if (!/^https?:/.test(url)) return;
    if (new URL(url).origin !== origin) {
      foreign.add(new URL(url).origin);
      return;
    }
    const previous = requests.get(event.requestId);
    // A redirect reuses the request ID: the hop before it is its own request.
    if (previous && event.redirectResponse) {
      requests.set(`${event.requestId}#${requests.size}`, {
        ...previous,
        done: true,
        end: now(event.timestamp),
        bytes: event.redirectResponse.encodedDataLength ?? 0,
      });
    }
    if (event.type === 'Document' && log.navigationStart === null) {
      log.navigationStart = now(event.timestamp);
      log.navigationWallTime = event.wallTime * 1000;
    }
    requests.set(event.requestId, {
      url,
      type: event.type,
      start: now(event.timestamp),
      done: false,
      cached: false,
      longPoll: LONG_POLL.test(url) || event.type === 'EventSource' || event.type === 'WebSocket',
      bytes: 0,
      mime: '',
    });
    log.lastActivity = Date.now();
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const request = requests.get(requestId);
    if (request) request.cached = true;
  });
  cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
    const request = requests.get(requestId);
    if (!request) return;
    request.type = type;
    request.mime = response.mimeType;
    if (response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker) request.cached = true;
  });
  const finish = (failed) => (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.done = true;
    request.failed = failed;
    request.end = now(event.timestamp);
    request.bytes = failed ? 0 : event.encodedDataLength;
    log.lastActivity = Date.now();
  };
  cdp.on('Network.loadingFinished', finish(false));
  cdp.on('Network.loadingFailed', finish(true));
  return log;
}

// Waits until no request (but long polls) was in flight for QUIET_MS; the time of the last end.
async function networkIdle(log, deadline) {
  for (;;) {
    const open = [...log.requests.values()].filter((request) => !request.done && !request.longPoll);
    if (open.length === 0 && Date.now() - log.lastActivity >= QUIET_MS) break;
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const ends = [...log.requests.values()].filter((request) => request.done).map((request) => request.end);
  return Math.max(...ends) - log.navigationStart;
}

function totals(log) {
  const sent = [...log.requests.values()].filter((request) => !request.cached);
  return { bytes: sent.reduce((sum, request) => sum + request.bytes, 0), requests: sent.length };
}

const kinds = ['WASM', 'JS', 'CSS', 'HTML', 'data (fetch/XHR)', 'fonts', 'images', 'other'];
function kindOf(request) {
  if (request.mime === 'application/wasm' || request.url.endsWith('.wasm')) return 'WASM';
  if (request.type === 'Script' || /javascript/.test(request.mime)) return 'JS';
  if (request.type === 'Stylesheet' || request.mime === 'text/css') return 'CSS';
  if (request.type === 'Document') return 'HTML';
  if (request.type === 'Fetch' || request.type === 'XHR') return 'data (fetch/XHR)';
  if (request.type === 'Font') return 'fonts';
  if (request.type === 'Image') return 'images';
  return 'other';
}

function byKind(log) {
  const out = Object.fromEntries(kinds.map((kind) => [kind, { bytes: 0, requests: 0 }]));
  for (const request of log.requests.values()) {
    if (request.cached) continue;
    out[kindOf(request)].bytes += request.bytes;
    out[kindOf(request)].requests += 1;
  }
  return out;
}

// One visit: a page of `context`, the page's selector, and its numbers.
async function visit(context, url, origin, selector, throttled) {
  const page = await context.newPage();
  const log = await recorder(context, page, origin, throttled);
  await page.addInitScript(watchContent, selector);
  const deadline = Date.now() + timeoutMs;
  const response = await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  if (!response.ok()) throw new Error(`${url} answered ${response.status()}`);
  await page.waitForFunction(() => window.__contentShown !== undefined, null, { timeout: timeoutMs, polling: 100 });
  // The page's clock (since its time origin) and CDP's differ: both are taken to wall time, from
  // the start of the document's request.
  const shownAt = await page.evaluate(() => performance.timeOrigin + window.__contentShown);
  const content = shownAt - log.navigationWallTime;
  const complete = await networkIdle(log, deadline);
  await page.close();
  return { content, complete, ...totals(log), kinds: byKind(log), foreign: log.foreign };
}

async function measure(browser, app, page, url, throttled) {
  const context = await browser.newContext();
  try {
    const first = await visit(context, url, app.origin, page[app.key], throttled);
    const later = throttled ? null : await visit(context, url, app.origin, page[app.key], false);
    return { first, later };
  } finally {
    await context.close();
  }
}

// A run that timed out (null) counts as the longest: the median is "timeout" if half of them did.
const median = (values) => {
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Number.isFinite(value) ? value : null;
};
const size = (bytes) =>
  bytes === null ? '-' : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} kB` : `${Math.round(bytes)} B`;
const ms = (value) => (value === null ? 'timeout' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);
const markdown = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const apps = [
  { key: 'ours', name: 'debugger', origin: new URL(ours).origin, base: ours },
  { key: 'theirs', name: 'Temporal UI', origin: new URL(theirs).origin, base: theirs },
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const results = {}; // results[page][app][throttled ? 'slow' : 'fast'] = [{ first, later }, …]
const foreign = new Set();
for (const page of pages) {
  const pagePath = page.path();
  results[page.key] = {};
  for (const app of apps) {
    results[page.key][app.key] = { fast: [], slow: [] };
    for (const throttled of [false, true]) {
      for (let run = 0; run < runs; run += 1) {
        const result = await measure(browser, app, page, `${app.base}${pagePath}`, throttled);
        for (const origin of result.first.foreign) foreign.add(`${app.name}: ${origin}`);
        results[page.key][app.key][throttled ? 'slow' : 'fast'].push(result);
      }
      const got = results[page.key][app.key][throttled ? 'slow' : 'fast'];
      console.log(
        `${page.name}, ${app.name}, ${throttled ? '10 Mbit/s 40 ms' : 'unthrottled'}: ` +
          `content ${got.map((result) => ms(result.first.content)).join(', ')}; ` +
          `complete ${got.map((result) => ms(result.first.complete)).join(', ')}`,
      );
    }
  }
}
await browser.close();

const stat = (pageKey, appKey, speed, pick) =>
  median(results[pageKey][appKey][speed].map((result) => pick(result)));
const rows = pages.map((page) => {
  const get = (appKey, speed, pick) => stat(page.key, appKey, speed, pick);
  const ourBytes = get('ours', 'fast', (result) => result.first.bytes);
  const theirBytes = get('theirs', 'fast', (result) => result.first.bytes);
  const both = (speed, pick) => `${ms(get('ours', speed, pick))} / ${ms(get('theirs', speed, pick))}`;
  return [
    page.name,
    size(ourBytes),
    size(theirBytes),
    `×${(theirBytes / ourBytes).toFixed(1)}`,
    get('ours', 'fast', (result) => result.first.requests),
    get('theirs', 'fast', (result) => result.first.requests),
    both('fast', (result) => result.first.content),
    both('slow', (result) => result.first.content),
    both('fast', (result) => result.first.complete),
    both('slow', (result) => result.first.complete),
    `${size(get('ours', 'fast', (result) => result.later.bytes))} (${get('ours', 'fast', (result) => result.later.requests)} req.)`,
  ];
});
console.log(`\nFirst visit with an empty cache, medians of ${runs} runs; ratio = Temporal UI bytes / our bytes.\n`);
console.log(
  markdown(
    [
      'page',
      'our bytes',
      'Temporal UI bytes',
      'ratio',
      'our requests',
      'their requests',
      'content shown, ours / theirs',
      'content shown on 10 Mbit/s 40 ms, ours / theirs',
      'complete, ours / theirs',
      'complete on 10 Mbit/s 40 ms, ours / theirs',
      'later visit, our bytes',
    ],
    rows,
  ),
);

console.log('\nLater visit (the same page again in the same context, warm cache), medians:\n');
console.log(
  markdown(
    ['page', 'our bytes', 'our requests', 'Temporal UI bytes', 'their requests'],
    pages.map((page) => [
      page.name,
      ...apps.flatMap((app) => [
        size(stat(page.key, app.key, 'fast', (result) => result.later.bytes)),
        stat(page.key, app.key, 'fast', (result) => result.later.requests),
      ]),
    ]),
  ),
);

const runPage = pages.find((page) => page.key === 'small') ?? pages[0];
console.log(`\nTransferred by kind, ${runPage.name}, first visit, medians (bytes on the wire, requests):\n`);
console.log(
  markdown(
    ['kind', 'our bytes', 'our requests', 'Temporal UI bytes', 'their requests'],
    kinds.map((kind) => [
      kind,
      ...apps.flatMap((app) => [
        size(stat(runPage.key, app.key, 'fast', (result) => result.first.kinds[kind].bytes)),
        stat(runPage.key, app.key, 'fast', (result) => result.first.kinds[kind].requests),
      ]),
    ]),
  ),
);
if (foreign.size) console.log(`\nLeft out, requests to other origins: ${[...foreign].join(', ')}`);
