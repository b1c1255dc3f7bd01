// Stuck-runs page benchmark: starts N runs on a task queue nobody polls (they stay Running with a
// pending workflow task, "nobody polls"), then times /namespaces/{ns}/stuck-runs narrowed to them,
// cold (fresh=1: computed anew) and warm (kept for a minute), and prints the Temporal calls the
// server made for each from its /metrics (temporal_client_requests before and after).
//
//   node end2end/bench/triage-bench.mjs --temporal 127.0.0.1:7233 [--base http://127.0.0.1:3000]
//        [--namespace default] [--count 50] [--n 250] [--task-queue triage-bench-<time>]
//        [--temporal-cli .tools/venv/bin/temporal] [--skip-start]
//
// The runs' IDs start with the task queue's name, so `--skip-start` with the same --task-queue
// measures again without starting more. Terminate them afterwards with
//   temporal workflow terminate --query "TaskQueue = '<queue>'" --reason "bench done" --yes
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

function args() {
  const options = {
    base: 'http://127.0.0.1:3000',
    namespace: 'default',
    count: 50,
    n: 250,
    taskQueue: `triage-bench-${Date.now()}`,
    temporalCli: '.tools/venv/bin/temporal',
    temporal: null,
    skipStart: false,
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (key === 'skipStart') options.skipStart = true;
    else if (key in options) options[key] = argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!options.temporal && !options.skipStart) throw new Error('--temporal HOST:PORT is needed to start runs');
  options.count = Number(options.count);
  return options;
}

/// Starts `count` runs, 16 CLI calls at a time.
async function startRuns(options) {
  const ids = Array.from({ length: options.count }, (_, i) => `${options.taskQueue}-${i}`);
  for (let i = 0; i < ids.length; i += 16) {
    await Promise.all(
      ids.slice(i, i + 16).map((id) =>
        run(options.temporalCli, [
          'workflow', 'start', '--address', options.temporal, '--namespace', options.namespace,
          '--type', 'TriageBench', '--task-queue', options.taskQueue, '--workflow-id', id,
        ]),
      ),
    );
  }
}

async function temporalCalls(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('temporal_client_requests{') || line.startsWith('temporal_client_requests_total{')) {
      total += Number(line.trim().split(/\s+/).pop());
    }
  }
  return total;
}

async function view(options, fresh) {
  const query = encodeURIComponent(`TaskQueue = '${options.taskQueue}'`);
  const url = `${options.base}/namespaces/${encodeURIComponent(options.namespace)}/stuck-runs?query=${query}&n=${options.n}${fresh ? '&fresh=1' : ''}`;
  const before = await temporalCalls(options.base);
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: 'text/html' } });
  const body = await response.text();
  const ms = performance.now() - started;
  const calls = (await temporalCalls(options.base)) - before;
  const coverage = body.match(/Checked [\d,]+ of [\d,]+ running\./)?.[0] ?? '(no coverage line)';
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return { ms: Math.round(ms), calls, coverage };
}

const options = args();
if (!options.skipStart) {
  const started = performance.now();
  await startRuns(options);
  console.log(`started ${options.count} runs on ${options.taskQueue} in ${Math.round(performance.now() - started)} ms`);
  // Visibility is eventually consistent: wait until the list has them all.
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
const cold = await view(options, true);
const warm = await view(options, false);
console.log(`cold: ${cold.ms} ms, ${cold.calls} Temporal calls — ${cold.coverage}`);
console.log(`warm: ${warm.ms} ms, ${warm.calls} Temporal calls — ${warm.coverage}`);
