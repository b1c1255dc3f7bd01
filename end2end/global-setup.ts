// Runs once before every spec: waits until what the specs depend on is ready, so that no test
// pays for start-up out of its own 30 s. `cargo xtask test` has already waited for the fixture
// manifest (the worker writes it once every fixture is in its state) and for /healthz; this
// checks, through the server, that Temporal answers and that the fixtures the specs open are
// there as the manifest says, and it starts Chromium once (its first start from a cold disk
// is the slowest). Bounded by TDBG_E2E_READY_SECONDS (default 180 s), with a message naming
// what was not ready.
import { chromium, type FullConfig } from '@playwright/test';
import { fixture } from './tests/support/manifest';
import { historyUrl, runUrl, workflowsUrl } from './tests/support/urls';

const POLL_MS = 500;

interface Check {
  what: string;
  path: string;
  /** Text the page must hold once it is ready. */
  expect: string;
}

function checks(): Check[] {
  const large = fixture('large');
  const live = fixture('live_e2e');
  const unpolled = fixture('unpolled');
  return [
    { what: 'the server', path: '/healthz', expect: '' },
    { what: 'Temporal, through the server (the workflow list)', path: workflowsUrl(), expect: 'workflows-table' },
    {
      what: `the large fixture's history (${large.history_length} events)`,
      path: `${historyUrl(large.workflow_id, large.run_id)}?size=100&page=${Math.ceil(large.history_length / 100)}`,
      expect: `id="event-${large.history_length}"`,
    },
    { what: 'the live fixture, still running', path: historyUrl(live.workflow_id, live.run_id), expect: 'live-updates' },
    { what: "the unpolled fixture's workers tab", path: `${runUrl(unpolled.workflow_id, unpolled.run_id)}/workers`, expect: 'Nobody polls task queue' },
  ];
}

/** Status and body of a GET, or why there was no answer. */
async function get(url: string): Promise<{ status: number; body: string } | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return String(error);
  }
}

async function waitFor(baseURL: string, check: Check, deadline: number): Promise<void> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const answer = await get(`${baseURL}${check.path}`);
    if (typeof answer !== 'string' && answer.status === 200) {
      if (answer.body.includes(check.expect)) {
        console.log(`global setup: ${check.what} ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      }
      // The page is there but not in the state the specs need: waiting will not change it.
      throw new Error(
        `global setup: ${check.what} is not as the specs need it (GET ${check.path} has no ${JSON.stringify(check.expect)}). ` +
          'Did an earlier Playwright run use these fixtures? The live spec signals its workflow: start a new fixture worker.',
      );
    }
    last = typeof answer === 'string' ? answer : `HTTP ${answer.status}`;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`global setup: ${check.what} was not ready in time (GET ${check.path}: ${last})`);
}

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL;
  if (!baseURL) throw new Error('global setup: no baseURL in the Playwright config');
  const bound = Number(process.env.TDBG_E2E_READY_SECONDS ?? 180);
  const started = Date.now();
  const deadline = started + bound * 1000;
  for (const check of checks()) await waitFor(baseURL, check, deadline);

  const launch = config.projects[0].use.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, timeout: Math.max(deadline - Date.now(), 1000) });
  const page = await browser.newPage();
  await page.goto(`${baseURL}/namespaces`);
  await browser.close();
  console.log(`global setup: Chromium started and opened a page; everything ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
