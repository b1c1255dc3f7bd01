// Load benchmark: N concurrent viewers, each opening the debugger's pages one after another (every
// kind of page, over the fixture workload, the JSON the islands ask and the pages' loaders as server functions) for a
// fixed time. It prints the requests sent, the answers by status class per page, latency
// percentiles, the Temporal calls the server made per page view (its /metrics before and after),
// the panics the server logged meanwhile and the server's resident memory. It exits
// 1 if any answer was a 5xx other than 503/504, if any request got no answer, or if the server
// logged a panic; everything is printed first.
//
//   node end2end/bench/load-bench.mjs --manifest target/demo/manifest.json
//        [--base http://127.0.0.1:3000] [--concurrency 16] [--duration 300]
//        [--server-log data/server.log] [--server-pid PID]
//        [--large-history 8000 | --large-history WORKFLOW_ID/RUN_ID] [--temporal HOST:PORT]
//        [--abandon 0.2] [--abandon-ms 300] [--timeout 150] [--markdown]
//        [--app-dir DIR | --no-server-fns]
//
// 503 and 504 are Temporal (or its metrics source) refusing or not answering in time under the
// load (a dev server allows a namespace 10 visibility calls a second); they are counted apart,
// listed by page, and do not fail the run. A 500 is the debugger's own fault.
//
// Server functions' paths end in a hash of the app crate's directory at build time: they are read
// from the WASM bundle the server serves, else computed from --app-dir (default: this checkout's
// app/), and each is called once before the load starts to check it.
//
// --large-history 8000 makes an 8,000-event history first with make_history.py (30 s to minutes);
// WORKFLOW_ID/RUN_ID reuses one (it prints the pair). Without it, the manifest's `large` fixture
// (about 3,250 events) is the large history.
//
// With --abandon F, a fraction F of the page loads is preceded by an extra request for the same
// page dropped after a random 0 to --abandon-ms ms, as a browser does when its user clicks on
// before the page has answered. Those are counted apart (a 5xx among the ones that answered
// before being dropped still counts as a failure).
//
// Needs a running debugger and the fixture worker that wrote the manifest (see
// docs/benchmarks.md).
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const flag = (name) => process.argv.includes(`--${name}`);

const base = option('base', 'http://127.0.0.1:3000').replace(/\/$/, '');
const manifestPath = option('manifest', '');
if (!manifestPath) throw new Error('--manifest <path of the fixture manifest> is required');
const concurrency = Number(option('concurrency', '16'));
const durationSeconds = Number(option('duration', '300'));
const abandon = Number(option('abandon', '0'));
const abandonMs = Number(option('abandon-ms', '300'));
// Longer than the server's own request timeout (120 s by default), so a slow page is its 504.
const timeoutMs = Number(option('timeout', '150')) * 1000;
const serverLog = option('server-log', '');
const serverPid = option('server-pid', '');
const largeHistory = option('large-history', '');
const markdown = flag('markdown');
const serverFns = !flag('no-server-fns');
// The app crate's directory when the server was built: part of its server functions' paths.
const appDir = option('app-dir', path.join(root, 'app'));
for (const [name, value] of [['concurrency', concurrency], ['duration', durationSeconds], ['timeout', timeoutMs]]) {
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
}
if (!(abandon >= 0 && abandon <= 1)) throw new Error('--abandon must be a fraction between 0 and 1');

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const temporal = option('temporal', manifest.address ?? '127.0.0.1:7233');
const seg = encodeURIComponent;
const ns = `/namespaces/${seg(manifest.namespace)}`;
const fixture = (name) => {
  const entry = manifest.workflows?.[name];
  if (!entry) throw new Error(`the manifest has no fixture ${name}`);
  return entry;
};
const runPath = (workflowId, runId) => `${ns}/workflows/${seg(workflowId)}/${seg(runId)}`;
const tab = (name, tabName) => `${runPath(fixture(name).workflow_id, fixture(name).run_id)}/${tabName}`;

function largeRun() {
  if (!largeHistory) {
    const large = fixture('large');
    return { workflow_id: large.workflow_id, run_id: large.run_id, events: large.history_length };
  }
  if (/^\d+$/.test(largeHistory)) {
    console.log(`making a ${largeHistory}-event history on ${temporal} with make_history.py…`);
    const python = path.join(root, '.tools/venv/bin/python');
    const out = execFileSync(
      python,
      [path.join(here, 'make_history.py'), '--address', temporal, '--namespace', manifest.namespace, '--events', largeHistory],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const made = JSON.parse(out.trim().split('\n').pop());
    console.log(`  made ${made.events} events in ${made.seconds} s; reuse it with --large-history ${made.workflow_id}/${made.run_id}`);
    return made;
  }
  // A run ID has no '/'; the workflow ID may.
  const cut = largeHistory.lastIndexOf('/');
  if (cut <= 0) throw new Error('--large-history takes an event count or WORKFLOW_ID/RUN_ID');
  return { workflow_id: largeHistory.slice(0, cut), run_id: largeHistory.slice(cut + 1), events: null };
}

// The run with a hostile payload: the greeting schedule's runs take markup as their input; the
// annotated run (hostile markup in its details) stands in if the schedule has no run listed.
function hostileRun() {
  const recent = manifest.schedules?.greeting?.recent?.find((run) => run.workflow_id && run.run_id);
  return recent ?? fixture('annotated');
}

const large = largeRun();
const hostile = hostileRun();
const prefixQuery = `WorkflowId STARTS_WITH '${manifest.prefix}'`;
const greetingSchedule = manifest.schedules?.greeting?.schedule_id;

// [label, path, expected status class, server function arguments (a POST) or none]. One of each
// kind of page; the run pages use the fixture that shows what the page is for.
const pages = [
  ['workflow list', `${ns}/workflows`, 2],
  ['filtered list', `${ns}/workflows?query=${seg(`${prefixQuery} AND ExecutionStatus = 'Running'`)}`, 2],
  ['history (small)', tab('completed', 'history'), 2],
  [`history (large${large.events ? `, ${large.events.toLocaleString('en-US')} events` : ''})`, `${runPath(large.workflow_id, large.run_id)}/history`, 2],
  ['pending activities', tab('retrying', 'pending-activities'), 2],
  ['workers', tab('retrying', 'workers'), 2],
  ['queries', tab('signal_waiter', 'queries'), 2],
  ['call stack', tab('signal_waiter', 'call-stack'), 2],
  // What the summary's island asks once a running workflow's page is up.
  ['current details (JSON)', tab('signal_waiter', 'current-details.json'), 2],
  ['relationships', tab('parent', 'relationships'), 2],
  ['timeline', tab('parent', 'timeline'), 2],
  ['tree', tab('parent', 'tree'), 2],
  ['search attributes', tab('annotated', 'search-attributes'), 2],
  ['memo', tab('annotated', 'memo'), 2],
  ['NDE run', tab('nondeterministic', 'history'), 2],
  ['failed run', tab('failed', 'history'), 2],
  ['hostile payload run', `${runPath(hostile.workflow_id, hostile.run_id)}/history`, 2],
  ['runs of a workflow ID', `${ns}/workflows/${seg(fixture('rerun').workflow_id)}/runs`, 2],
  ['latest run (redirect)', `${ns}/workflows/${seg(fixture('completed').workflow_id)}`, 3],
  ['task queue', `${ns}/task-queues/${seg(manifest.task_queue)}`, 2],
  ['task queues', `${ns}/task-queues`, 2],
  ['schedules', `${ns}/schedules`, 2],
  ...(greetingSchedule ? [['schedule', `${ns}/schedules/${seg(greetingSchedule)}`, 2]] : []),
  ['namespace', ns, 2],
  ['namespace workers', `${ns}/workers`, 2],
  ['standalone activities', `${ns}/activities`, 2],
  ['Nexus endpoints', '/nexus', 2],
  ['namespaces', '/namespaces', 2],
  ['cluster', '/cluster', 2],
  ['cluster health', '/cluster/health', 2],
  // An unknown path renders the not-found page through leptos_axum's file handler.
  ['not found', '/no-such-page', 4],
];

// The loaders of the pages, still served as server functions (pages render on the server, so a
// browser no longer calls them; a script may): POSTed with their arguments form-encoded. Their paths end in a hash of where the app
// was built: read from the WASM bundle the server serves, or computed like the `#[server]` macro.
const calls = [
  ['fn list_workflows', 'workflows', 'list_workflows', { namespace: manifest.namespace, query: prefixQuery, columns: '' }],
  ['fn load_run', 'run', 'load_run', { namespace: manifest.namespace, workflow_id: fixture('completed').workflow_id, run_id: fixture('completed').run_id, view: '' }],
  ['fn list_schedules', 'schedules', 'list_schedules', { namespace: manifest.namespace }],
];

// xxHash64 (seed 0), as the `#[server]` macro hashes "{CARGO_MANIFEST_DIR}:{module_path}".
function xxh64(text) {
  const mask = (1n << 64n) - 1n;
  const [p1, p2, p3, p4, p5] = [0x9e3779b185ebca87n, 0xc2b2ae3d27d4eb4fn, 0x165667b19e3779f9n, 0x85ebca77c2b2ae63n, 0x27d4eb2f165667c5n];
  const bytes = Buffer.from(text, 'utf8');
  const rotl = (x, r) => ((x << r) | (x >> (64n - r))) & mask;
  const round = (acc, input) => (rotl((acc + input * p2) & mask, 31n) * p1) & mask;
  const merge = (acc, value) => (((acc ^ round(0n, value)) * p1 + p4) & mask);
  let at = 0;
  let hash;
  if (bytes.length >= 32) {
    let v = [(p1 + p2) & mask, p2, 0n, (mask + 1n - p1) & mask];
    for (; at + 32 <= bytes.length; at += 32) v = v.map((acc, lane) => round(acc, bytes.readBigUInt64LE(at + lane * 8)));
    hash = (rotl(v[0], 1n) + rotl(v[1], 7n) + rotl(v[2], 12n) + rotl(v[3], 18n)) & mask;
    for (const lane of v) hash = merge(hash, lane);
  } else {
    hash = p5;
  }
  hash = (hash + BigInt(bytes.length)) & mask;
  for (; at + 8 <= bytes.length; at += 8) hash = (rotl(hash ^ round(0n, bytes.readBigUInt64LE(at)), 27n) * p1 + p4) & mask;
  if (at + 4 <= bytes.length) {
    hash = (rotl(hash ^ ((BigInt(bytes.readUInt32LE(at)) * p1) & mask), 23n) * p2 + p3) & mask;
    at += 4;
  }
  for (; at < bytes.length; at += 1) hash = (rotl(hash ^ ((BigInt(bytes[at]) * p5) & mask), 11n) * p1) & mask;
  hash ^= hash >> 33n;
  hash = (hash * p2) & mask;
  hash ^= hash >> 29n;
  hash = (hash * p3) & mask;
  return hash ^ (hash >> 32n);
}

async function serverFnPaths() {
  const html = await (await fetch(`${base}/namespaces`)).text();
  const wasm = html.match(/href="([^"]+\.wasm)"/)?.[1];
  const bundle = wasm ? await fetch(new URL(wasm, base)) : null;
  if (bundle?.ok) {
    const text = Buffer.from(await bundle.arrayBuffer()).toString('latin1');
    const found = new Map([...text.matchAll(/\/api\/([a-z_]+?)(\d{4,20})/g)].map((match) => [match[1], match[0]]));
    if (found.size > 0) return { from: `the bundle ${wasm}`, path: (_, name) => found.get(name) };
  }
  return { from: `hashes of ${appDir} (no WASM bundle served)`, path: (module, name) => `/api/${name}${xxh64(`${appDir}:app::api::${module}`)}` };
}

if (serverFns) {
  const resolved = await serverFnPaths();
  const missing = [];
  for (const [label, module, name, args] of calls) {
    const fnPath = resolved.path(module, name);
    // One call each first: a wrong path or a refused call would only show as 4xx in the counts.
    const probe = fnPath
      ? await fetch(`${base}${fnPath}`, callInit(args)).then(
          async (response) => ({ status: response.status, body: await response.text() }),
          (error) => ({ status: String(error), body: '' }),
        )
      : { status: 'not in the bundle', body: '' };
    if (typeof probe.status === 'string' || (probe.status >= 400 && probe.status < 500)) {
      missing.push(`${name} (${fnPath}: ${probe.status} ${reason(probe.body)})`);
    } else {
      pages.push([label, fnPath, 2, args]);
    }
  }
  if (missing.length) {
    throw new Error(
      `server functions (paths from ${resolved.from}) not answered: ${missing.join('; ')}; ` +
        'pass --app-dir (the app crate directory the server was built in) or --no-server-fns',
    );
  }
  console.log(`server function paths from ${resolved.from}`);
}

function callInit(args, signal) {
  return {
    method: 'POST',
    // A browser's same-origin POST carries its Origin; the server refuses posts without one.
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', origin: new URL(base).origin },
    body: new URLSearchParams(args).toString(),
    signal,
    redirect: 'manual',
  };
}

const stats = new Map(
  pages.map(([label, , expected]) => [
    label,
    { expected, classes: { 2: 0, 3: 0, 4: 0, 5: 0 }, statuses: new Map(), reasons: new Map(), transport: new Map(), ms: [] },
  ]),
);
const abandoned = { sent: 0, cut: 0, answered: new Map() };
const isOverloaded = (status) => status === 503 || status === 504;

// ---- server log and memory ---------------------------------------------------------------

const logStart = serverLog ? statSync(serverLog).size : 0;

function logAppended() {
  if (!serverLog) return '';
  const size = statSync(serverLog).size;
  // A log truncated (restarted server) since the start is read whole.
  const from = size >= logStart ? logStart : 0;
  const buffer = Buffer.alloc(size - from);
  const fd = openSync(serverLog, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  // ANSI colours would split the words searched for.
  return buffer.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
}

function memory() {
  if (!serverPid) return null;
  try {
    const status = readFileSync(`/proc/${serverPid}/status`, 'utf8');
    const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+)`)) ?? [])[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null; // the process is gone
  }
}

// ---- Temporal calls, from the server's /metrics ------------------------------------------------

// A counter's samples summed by `operation` (e.g. temporal_client_requests); null without /metrics.
async function countersByOperation(metric) {
  const text = await fetch(`${base}/metrics`).then((response) => (response.ok ? response.text() : null), () => null);
  if (text === null) return null;
  const counts = new Map();
  for (const match of text.matchAll(new RegExp(`^${metric}\\{([^}]*)\\} (\\S+)$`, 'gm'))) {
    const operation = match[1].match(/operation="([^"]*)"/)?.[1] ?? '';
    counts.set(operation, (counts.get(operation) ?? 0) + Number(match[2]));
  }
  return counts;
}

const temporalMetrics = ['temporal_client_requests', 'temporal_cache_hits', 'temporal_cache_misses'];
const countsBefore = await Promise.all(temporalMetrics.map(countersByOperation));

const memoryBefore = memory();
if (serverPid && !memoryBefore) throw new Error(`no process ${serverPid} (--server-pid)`);
let peakRss = memoryBefore?.rss ?? 0;
let serverGone = false;
const sampler = serverPid
  ? setInterval(() => {
      const now = memory();
      if (now) peakRss = Math.max(peakRss, now.rss);
      else serverGone = true;
    }, 500)
  : null;

// ---- the viewers ---------------------------------------------------------------------------

// A page's GET, or a server function's POST when it has arguments.
const request = (url, args, signal) => fetch(url, args ? callInit(args, signal) : { signal, redirect: 'manual' });

async function abandonedRequest(url, args) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), Math.random() * abandonMs);
  abandoned.sent += 1;
  try {
    const response = await request(url, args, controller.signal);
    // Its status is known once the head arrived, even if the body is then cut off.
    abandoned.answered.set(response.status, (abandoned.answered.get(response.status) ?? 0) + 1);
    await response.arrayBuffer();
  } catch {
    abandoned.cut += 1;
  }
}

// What an unexpected answer says: an error page's message; else, when a part of the page failed,
// the first error among the resources serialized for hydration; else the start of the body.
function reason(body) {
  const message =
    body.match(/class="error-message">([\s\S]*?)<\/p>/)?.[1] ??
    body.match(/\\"Err\\":([\s\S]{0,200})/)?.[1]?.replace(/\\"/g, '"') ??
    body.replace(/<script[\s\S]*?<\/script>/g, '');
  return message.replace(/<[^>]*>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ').trim().slice(0, 160);
}

async function load([label, pagePath, , args]) {
  const url = `${base}${pagePath}`;
  if (Math.random() < abandon) await abandonedRequest(url, args);
  const result = stats.get(label);
  const started = performance.now();
  try {
    // Redirects are not followed: a 3xx is counted as one.
    const response = await request(url, args, AbortSignal.timeout(timeoutMs));
    const body = await response.text();
    result.ms.push(performance.now() - started);
    const status = response.status;
    if (Math.floor(status / 100) !== result.expected) {
      const key = `${status}: ${reason(body)}`;
      result.reasons.set(key, (result.reasons.get(key) ?? 0) + 1);
    }
    result.classes[Math.floor(status / 100)] = (result.classes[Math.floor(status / 100)] ?? 0) + 1;
    result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
  } catch (error) {
    const why = error?.name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : String(error?.cause ?? error);
    result.transport.set(why, (result.transport.get(why) ?? 0) + 1);
    // A server that is down refuses at once: do not spin on it.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

console.log(
  `${concurrency} viewers for ${durationSeconds} s over ${pages.length} pages of ${base}` +
    (abandon > 0 ? `, ${abandon} of the loads preceded by an abandoned one` : ''),
);
const started = performance.now();
const deadline = started + durationSeconds * 1000;
await Promise.all(
  Array.from({ length: concurrency }, async (_, viewer) => {
    // Each viewer starts at another page, so every kind is in flight at once.
    let next = Math.floor((viewer * pages.length) / concurrency);
    while (performance.now() < deadline) {
      await load(pages[next % pages.length]);
      next += 1;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
if (sampler) clearInterval(sampler);
const countsAfter = await Promise.all(temporalMetrics.map(countersByOperation));
const memoryAfter = memory();
if (memoryAfter) peakRss = Math.max(peakRss, memoryAfter.rss);

// ---- report --------------------------------------------------------------------------------

// Nearest rank.
const percentile = (sorted, p) => (sorted.length ? sorted[Math.max(0, Math.ceil((sorted.length * p) / 100) - 1)] : NaN);
const ms = (value) => (Number.isNaN(value) ? '–' : value < 1000 ? `${value.toFixed(0)} ms` : `${(value / 1000).toFixed(2)} s`);
const sum = (values) => values.reduce((a, b) => a + b, 0);

const rows = [];
const all = { sent: 0, classes: { 2: 0, 3: 0, 4: 0, 5: 0 }, serverErrors: 0, overloaded: 0, transport: 0, unexpected: 0, ms: [] };
for (const [label, result] of stats) {
  const sorted = [...result.ms].sort((a, b) => a - b);
  const overloaded = sum([...result.statuses].filter(([status]) => isOverloaded(status)).map(([, n]) => n));
  const transport = sum([...result.transport.values()]);
  const row = {
    label,
    sent: result.ms.length + transport,
    ...result.classes,
    serverErrors: result.classes[5] - overloaded,
    overloaded,
    transport,
    unexpected: sum(Object.entries(result.classes).filter(([cls]) => Number(cls) !== result.expected).map(([, n]) => n)),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    result,
  };
  rows.push(row);
  all.sent += row.sent;
  for (const cls of [2, 3, 4, 5]) all.classes[cls] += result.classes[cls];
  all.serverErrors += row.serverErrors;
  all.overloaded += row.overloaded;
  all.transport += row.transport;
  all.unexpected += row.unexpected;
  all.ms.push(...result.ms);
}
const allSorted = all.ms.sort((a, b) => a - b);

const logText = logAppended();
const logLines = logText.split('\n').filter((line) => line.includes('panicked'));
const handlerPanics = logLines.filter((line) => line.includes('a request handler panicked')).length;
// One panic can log two lines: the panic hook's "thread '…' panicked at file:line:col:" (its
// message on the next line) and, in a request handler, "a request handler panicked message=…".
const panicMessages = new Map();
const lines = logText.split('\n');
lines.forEach((line, index) => {
  if (!line.includes('panicked')) return;
  const [kind, message] = line.includes('panicked at')
    ? [line.trim().replace(/^.*?(thread .*? panicked at)/, '$1').replace(/:$/, ''), (lines[index + 1] ?? '').trim()]
    : ['a request handler panicked', line.match(/message=("?)(.*?)\1(\s+\w+=|$)/)?.[2] ?? line.trim()];
  const key = `${kind}: ${message.slice(0, 200)}`;
  panicMessages.set(key, (panicMessages.get(key) ?? 0) + 1);
});

const abandonedAnswered = sum([...abandoned.answered.values()]);
const abandonedServerErrors = sum(
  [...abandoned.answered].filter(([status]) => status >= 500 && !isOverloaded(status)).map(([, n]) => n),
);

console.log(`\n${all.sent + abandoned.sent} requests sent in ${seconds.toFixed(1)} s (${((all.sent + abandoned.sent) / seconds).toFixed(1)}/s): ` +
  `${all.sent} page loads` + (abandoned.sent ? ` and ${abandoned.sent} abandoned` : ''));
console.log(
  `answers: 2xx ${all.classes[2]}, 3xx ${all.classes[3]}, 4xx ${all.classes[4]}, ` +
    `5xx ${all.classes[5]} (of which 503/504 ${all.overloaded}: Temporal could not keep up); ` +
    `no answer ${all.transport}; not the page's usual class ${all.unexpected}`,
);
console.log(`latency (until the whole answer is read): p50 ${ms(percentile(allSorted, 50))}, p99 ${ms(percentile(allSorted, 99))}, max ${ms(allSorted.at(-1) ?? NaN)}`);
if (abandoned.sent) {
  const answered = [...abandoned.answered].map(([status, n]) => `${n}× ${status}`).join(', ') || 'none';
  console.log(
    `abandoned: ${abandoned.sent} sent, ${abandoned.cut} cut off; ${abandonedAnswered} had their status before the cut or ` +
      `no cut was needed (${answered})`,
  );
}

// Calls made meanwhile, by operation: after minus before.
const madeBetween = (index) => {
  const [before, after] = [countsBefore[index], countsAfter[index]];
  if (!before || !after) return null;
  return new Map([...after].map(([operation, n]) => [operation, n - (before.get(operation) ?? 0)]).filter(([, n]) => n > 0));
};
const [temporalCalls, cacheHits, cacheMisses] = temporalMetrics.map((_, index) => madeBetween(index));
let callsPerView = null;
if (temporalCalls) {
  const views = all.sent + abandoned.sent;
  const total = sum([...temporalCalls.values()]);
  callsPerView = views ? total / views : NaN;
  const byOperation = [...temporalCalls].sort((a, b) => b[1] - a[1]).map(([operation, n]) => `${operation} ${n}`).join(', ');
  console.log(`Temporal calls: ${total} for ${views} page views, ${callsPerView.toFixed(2)} per view (${byOperation || 'none'})`);
  const [hits, misses] = [sum([...(cacheHits ?? new Map()).values()]), sum([...(cacheMisses ?? new Map()).values()])];
  if (hits + misses > 0) console.log(`read cache: ${hits} hits, ${misses} misses (${((100 * hits) / (hits + misses)).toFixed(1)}% hits)`);
} else {
  console.log('Temporal calls: not counted (no /metrics at the base URL)');
}

const width = Math.max(...rows.map((row) => row.label.length));
console.log('');
console.log(
  `${'page'.padEnd(width)}  ${'sent'.padStart(5)}  ${'2xx'.padStart(5)}  ${'3xx'.padStart(4)}  ${'4xx'.padStart(4)}  ` +
    `${'5xx'.padStart(4)}  ${'503/504'.padStart(7)}  ${'no answer'.padStart(9)}  ${'p50'.padStart(8)}  ${'p99'.padStart(8)}`,
);
for (const row of rows) {
  console.log(
    `${row.label.padEnd(width)}  ${String(row.sent).padStart(5)}  ${String(row[2]).padStart(5)}  ${String(row[3]).padStart(4)}  ` +
      `${String(row[4]).padStart(4)}  ${String(row.serverErrors).padStart(4)}  ${String(row.overloaded).padStart(7)}  ` +
      `${String(row.transport).padStart(9)}  ${ms(row.p50).padStart(8)}  ${ms(row.p99).padStart(8)}`,
  );
}

const overloadedPages = rows.filter((row) => row.overloaded > 0);
console.log(
  `\nTemporal could not keep up (503/504): ` +
    (overloadedPages.length ? overloadedPages.map((row) => `${row.label} ${row.overloaded}`).join(', ') : 'never'),
);
const odd = rows.filter((row) => row.unexpected > 0 || row.transport > 0);
for (const row of odd) {
  console.log(`  ${row.label}:`);
  for (const [what, n] of [...row.result.reasons, ...row.result.transport]) console.log(`    ${n}× ${what}`);
}

console.log(
  serverLog
    ? `server log: ${logLines.length} lines with "panicked" appended to ${serverLog} (${handlerPanics} "a request handler panicked")`
    : 'server log: not read (no --server-log)',
);
for (const [message, n] of panicMessages) console.log(`  ${n}× ${message}`);

const mb = (value) => `${value.toFixed(0)} MB`;
if (serverPid) {
  console.log(
    `server memory (VmRSS of ${serverPid}): ${mb(memoryBefore.rss)} before, ` +
      (memoryAfter ? `${mb(memoryAfter.rss)} after, ` : 'gone after, ') +
      `peak ${mb(peakRss)} (sampled every 0.5 s)` +
      (memoryAfter ? `; VmHWM ${mb(memoryAfter.hwm)} since the server started` : ''),
  );
  if (serverGone) console.log('  the server process exited during the run');
}

if (markdown) {
  const cell = (value) => (value === 0 ? '0' : String(value));
  console.log('');
  console.log(
    `${concurrency} viewers, ${seconds.toFixed(0)} s, ${all.sent} page loads` +
      (abandoned.sent ? ` (+${abandoned.sent} abandoned)` : '') +
      `; p50 ${ms(percentile(allSorted, 50))}, p99 ${ms(percentile(allSorted, 99))}; ` +
      (serverLog ? `${logLines.length} panic lines in the log; ` : '') +
      (callsPerView !== null ? `${callsPerView.toFixed(2)} Temporal calls per view; ` : '') +
      (serverPid ? `server RSS ${mb(memoryBefore.rss)} → ${memoryAfter ? mb(memoryAfter.rss) : 'gone'}, peak ${mb(peakRss)}` : ''),
  );
  console.log('');
  console.log('| page | sent | 2xx | 3xx | 4xx | 5xx (not 503/504) | 503/504 | no answer | p50 | p99 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.sent} | ${cell(row[2])} | ${cell(row[3])} | ${cell(row[4])} | ${cell(row.serverErrors)} | ` +
        `${cell(row.overloaded)} | ${cell(row.transport)} | ${ms(row.p50)} | ${ms(row.p99)} |`,
    );
  }
  console.log(
    `| **all** | ${all.sent} | ${all.classes[2]} | ${all.classes[3]} | ${all.classes[4]} | ${all.serverErrors} | ` +
      `${all.overloaded} | ${all.transport} | ${ms(percentile(allSorted, 50))} | ${ms(percentile(allSorted, 99))} |`,
  );
}

const failures = [];
if (all.serverErrors > 0) failures.push(`${all.serverErrors} answers 5xx (not 503/504)`);
if (abandonedServerErrors > 0) failures.push(`${abandonedServerErrors} abandoned requests answered 5xx (not 503/504)`);
if (all.transport > 0) failures.push(`${all.transport} requests without an answer`);
if (logLines.length > 0) failures.push(`${logLines.length} panic lines in the server log`);
if (serverGone) failures.push('the server exited');
console.log(`\n${failures.length ? `FAILED: ${failures.join('; ')}` : 'passed: no 5xx but 503/504, every request answered, no panic logged'}`);
process.exitCode = failures.length ? 1 : 0;
