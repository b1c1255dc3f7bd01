// The fixture manifest written by end2end/fixtures/worker.py (see fixtures/README.md).
// Specs assert against it, never against hard-coded workflow or run IDs.
import { readFileSync } from 'node:fs';

export type Status = 'Running' | 'Completed' | 'Failed' | 'Canceled' | 'Terminated' | 'ContinuedAsNew' | 'TimedOut';

/** The fields the manifest gives for one run. */
export interface RunEntry {
  run_id: string;
  workflow_type: string;
  task_queue: string;
  status: Status;
  input: unknown[];
  input_encodings: string[];
  result: unknown;
  failure_message: string | null;
  failure_type: string | null;
  history_length: number;
}

export interface FailureLevel {
  message: string;
  info: string;
  type: string | null;
  has_stack_trace: boolean;
}

/** One fixture: its latest run's fields, plus the whole run chain and extras. */
export interface WorkflowEntry extends RunEntry {
  workflow_id: string;
  /** Oldest first; the last one is `run_id`. */
  run_ids: string[];
  /** Every run, oldest first (only `rerun` and `continue_as_new`). */
  runs?: RunEntry[];
  children?: { workflow_id: string; run_id: string }[];
  failure_chain?: FailureLevel[];
  input_base64?: (string | null)[];
  termination_reason?: string;
  [extra: string]: unknown;
}

export interface Manifest {
  namespace: string;
  task_queue: string;
  prefix: string;
  address: string;
  unpolled_task_queue: string;
  /** The task queue whose worker is slower than its producer (fixtures/backlog.py). */
  backlog: { task_queue: string; workflow_id: string; run_id: string };
  /** Version `build_id` of worker deployment `deployment`, current, polling `task_queue` (fixtures/versioned.py). */
  versioned: { task_queue: string; deployment: string; build_id: string; workflow_id: string; run_id: string };
  workflows: Record<string, WorkflowEntry>;
}

let cached: Manifest | undefined;

export function manifest(): Manifest {
  if (cached) return cached;
  const path = process.env.TDBG_FIXTURE_MANIFEST;
  if (!path) throw new Error('TDBG_FIXTURE_MANIFEST is not set (absolute path of the fixture manifest JSON)');
  let parsed: Manifest;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch (error) {
    throw new Error(`cannot read the fixture manifest ${path}: ${error}`);
  }
  if (!parsed.prefix || !parsed.namespace || typeof parsed.workflows !== 'object') {
    throw new Error(`${path} does not look like a fixture manifest (needs prefix, namespace, workflows)`);
  }
  cached = parsed;
  return parsed;
}

/** A fixture by its manifest name (`completed`, `failed`, `odd_id`, ...). */
export function fixture(name: string): WorkflowEntry {
  const entry = manifest().workflows[name];
  if (!entry) {
    const known = Object.keys(manifest().workflows).join(', ');
    throw new Error(`the fixture manifest has no workflow named ${JSON.stringify(name)} (it has: ${known})`);
  }
  return entry;
}

/** One listed execution: a workflow ID and one of its runs. */
export interface ListedRun {
  fixture: string;
  workflow_id: string;
  run_id: string;
  workflow_type: string;
  status: Status;
}

/** Every execution this fixture run created, including earlier runs and child workflows. */
export function allRuns(): ListedRun[] {
  const runs: ListedRun[] = [];
  for (const [name, entry] of Object.entries(manifest().workflows)) {
    // Live fixtures live outside the prefix (tests signal them): not in prefix-filtered lists.
    if (entry.live) continue;
    const perRun = entry.runs ?? [entry];
    for (const run of perRun) {
      runs.push({
        fixture: name,
        workflow_id: entry.workflow_id,
        run_id: run.run_id,
        workflow_type: run.workflow_type,
        status: run.status,
      });
    }
    // The manifest lists only the IDs of child workflows. ParentWorkflow returns every child's
    // greeting, so a Completed parent means its children completed too.
    for (const child of entry.children ?? []) {
      if (entry.status !== 'Completed') throw new Error(`fixture ${name} has children but is ${entry.status}`);
      runs.push({
        fixture: `${name} (child)`,
        workflow_id: child.workflow_id,
        run_id: child.run_id,
        workflow_type: 'ChildWorkflow',
        status: 'Completed',
      });
    }
  }
  return runs;
}

/** The visibility query that selects this fixture run's executions and nothing else. */
export function prefixQuery(): string {
  // The trailing '-' keeps prefix "e2e-1" from also matching "e2e-12-…".
  return `WorkflowId STARTS_WITH '${manifest().prefix}-'`;
}
