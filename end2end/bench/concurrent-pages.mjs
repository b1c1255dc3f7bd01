// Many requests at once: opens the fixture's pages concurrently, over and over, and checks that
// each answer has its status and the section it must hold. It prints, per page, how many answers
// were right, what the wrong ones were (status and the start of their text) and the latency
// percentiles. Used to look for failures that only happen under load (run it next to
// `stress -c 4` or a build).
//
//   node end2end/bench/concurrent-pages.mjs --base http://127.0.0.1:3000 --manifest target/e2e/manifest.json
//        [--concurrency 16] [--rounds 20] [--abandon 0.3] [--abandon-ms 300]
//
// With --abandon F, that fraction of extra requests is sent and dropped after a random 0 to
// --abandon-ms milliseconds, as a browser does when a user clicks on before a page has
// answered; only the others are checked.
//
// Needs a running debugger and the fixture worker that wrote the manifest.
import { readFileSync } from 'node:fs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const base = option('base', 'http://127.0.0.1:3000').replace(/\/$/, '');
const manifestPath = option('manifest', '');
if (!manifestPath) throw new Error('--manifest <path of the fixture manifest> is required');
const concurrency = Number(option('concurrency', '16'));
const rounds = Number(option('rounds', '20'));
const abandon = Number(option('abandon', '0'));
const abandonMs = Number(option('abandon-ms', '300'));
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

const seg = encodeURIComponent;
const run = (name) => {
  const entry = manifest.workflows[name];
  if (!entry) throw new Error(`the manifest has no fixture ${name}`);
  return `/namespaces/${seg(manifest.namespace)}/workflows/${seg(entry.workflow_id)}/${seg(entry.run_id)}`;
};
const large = manifest.workflows.large;

// [label, path, text the answer must hold]
const pages = [
  ['unpolled workers', `${run('unpolled')}/workers`, 'No worker is polling task queue'],
  ['completed workers', `${run('completed')}/workers`, 'Workflow task pollers'],
  ['unpolled call stack', `${run('unpolled')}/call-stack`, 'No worker is polling task queue'],
  ['completed history', `${run('completed')}/history`, 'aria-labelledby="history-heading"'],
  ['completed permalink', `${run('completed')}/history/events/5`, 'aria-labelledby="history-heading"'],
  ['large history page 2', `${run('large')}/history?size=1000&page=2`, `id="event-2000"`],
  ['large newest first', `${run('large')}/history?order=desc&size=100`, `id="event-${large.history_length}"`],
  ['retrying pending', `${run('retrying')}/pending-activities`, 'Pending activities (1)'],
  ['workflow list', `/namespaces/${seg(manifest.namespace)}/workflows`, 'workflows-table'],
];

const results = new Map(pages.map(([label]) => [label, { ok: 0, wrong: new Map(), ms: [] }]));

let abandoned = 0;
async function abandonedRequest(path) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), Math.random() * abandonMs);
  abandoned += 1;
  await fetch(`${base}${path}`, { signal: controller.signal }).then((response) => response.text()).catch(() => {});
}

async function once([label, path, marker]) {
  if (Math.random() < abandon) await abandonedRequest(path);
  const started = performance.now();
  let verdict;
  try {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(60_000) });
    const body = await response.text();
    verdict = response.status === 200 && body.includes(marker)
      ? 'ok'
      : `${response.status}: ${body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160)}`;
  } catch (error) {
    verdict = `no answer: ${error}`;
  }
  const result = results.get(label);
  result.ms.push(performance.now() - started);
  if (verdict === 'ok') result.ok += 1;
  else result.wrong.set(verdict, (result.wrong.get(verdict) ?? 0) + 1);
}

const queue = [];
for (let round = 0; round < rounds; round += 1) queue.push(...pages);
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (queue.length > 0) await once(queue.shift());
  }),
);
const seconds = (performance.now() - started) / 1000;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
let failures = 0;
console.log(
  `${rounds * pages.length} requests (and ${abandoned} abandoned), ${concurrency} at a time, in ${seconds.toFixed(1)} s`,
);
for (const [label, { ok, wrong, ms }] of results) {
  const sorted = [...ms].sort((a, b) => a - b);
  const count = ms.length;
  console.log(
    `${label.padEnd(22)} ${String(ok).padStart(4)}/${count} right  p50 ${percentile(sorted, 50).toFixed(0)} ms  ` +
      `p95 ${percentile(sorted, 95).toFixed(0)} ms  max ${sorted[count - 1].toFixed(0)} ms`,
  );
  for (const [verdict, n] of wrong) {
    failures += n;
    console.log(`    ${n}× ${verdict}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
