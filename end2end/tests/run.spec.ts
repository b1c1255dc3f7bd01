// The run page: `/namespaces/{ns}/workflows/{wid}/{runId}/history`.
import { test, expect } from './support/app';
import { fixture, prefixQuery } from './support/manifest';
import { historyUrl, pathPattern, runUrl, workflowUrl, workflowsUrl } from './support/urls';

/** How the page prints a JSON payload (serde_json's pretty printer, keys sorted). */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

test.describe('run history', () => {
  test('a completed run opens from the list and shows input, result and every event', async ({ app, page }) => {
    const run = fixture('completed');
    await app.goto(workflowsUrl(prefixQuery()));
    await app.rowOfRun(run.run_id).getByRole('link', { name: run.workflow_id, exact: true }).click();

    await expect(page).toHaveURL(pathPattern(historyUrl(run.workflow_id, run.run_id)));
    await expect(app.runHeading).toHaveText(`Completed ${run.workflow_id}`);
    await expect(app.runHeader).toContainText(`${run.workflow_type} · run ${run.run_id}`);
    await expect(app.fact('Status')).toHaveText('Completed');
    await expect(app.fact('Workflow type')).toHaveText(run.workflow_type);
    await expect(app.fact('Task queue')).toHaveText(run.task_queue);
    await expect(app.fact('History')).toContainText(`${run.history_length} events`);

    expect(run.input).toEqual(['Ada Lovelace']);
    await expect(app.input.locator('.payload-json')).toHaveText(json('Ada Lovelace'));
    await expect(app.input.locator('.payload-encoding')).toContainText('json/plain');
    expect(run.result).toBe('Hello, Ada Lovelace!');
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(json('Hello, Ada Lovelace!'));
    await expect(app.outcome('Failure')).toHaveCount(0);

    await expect(app.eventRows).toHaveCount(run.history_length);
    await expect(page.getByRole('region', { name: /^Event history/ })).toContainText(`(${run.history_length} events)`);
    const ids = await app.eventRows.evaluateAll((rows) => rows.map((row) => row.id));
    expect(ids).toEqual(Array.from({ length: run.history_length }, (_, i) => `event-${i + 1}`));
    await expect(app.event(1).locator('.event-type')).toHaveText('WorkflowExecutionStarted');
    await expect(app.event(run.history_length).locator('.event-type')).toHaveText('WorkflowExecutionCompleted');
    const types = await app.eventRows.locator('.event-type').allTextContents();
    expect(types.filter((type) => type === 'WorkflowExecutionStarted')).toHaveLength(1);
    expect(types.filter((type) => type === 'WorkflowExecutionCompleted')).toHaveLength(1);
    expect(types).toContain('ActivityTaskScheduled');
    expect(types).toContain('ActivityTaskCompleted');
  });

  test('a failed run shows the failure and its cause chain', async ({ app, page }) => {
    const run = fixture('failed');
    const chain = run.failure_chain ?? [];
    expect(chain.map((level) => level.type)).toEqual(['OrderFailed', null, 'PaymentDeclined']);

    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.runHeading).toHaveText(`Failed ${run.workflow_id}`);
    await expect(app.input.locator('.payload-json')).toHaveText(json(run.input[0]));
    await expect(app.outcome('Result')).toHaveCount(0);
    const failure = app.outcome('Failure');
    await expect(failure).toBeVisible();

    const levels = failure.locator('ol.failure-chain > li.failure');
    await expect(levels).toHaveCount(chain.length);
    const [outer, activity, root] = [levels.nth(0), levels.nth(1), levels.nth(2)];

    // OrderFailed: the workflow's own error, with its details payload.
    await expect(outer.locator('.failure-kind')).toHaveText(run.failure_type ?? 'failure_type missing');
    await expect(outer.locator('.failure-message')).toHaveText(run.failure_message ?? 'failure_message missing');
    await expect(outer).not.toContainText('caused by');
    await expect(outer.locator('.failure-details')).toContainText('Details');
    await expect(outer.locator('.failure-details .payload-json')).toHaveText(json({ order_id: 42 }));

    // caused by the ActivityError ...
    await expect(activity.locator('.failure-heading')).toContainText('caused by');
    await expect(activity.locator('.failure-message')).toHaveText(chain[1].message);
    await expect(activity).toContainText('charge_card');

    // ... caused by PaymentDeclined, raised in the activity.
    await expect(root.locator('.failure-heading')).toContainText('caused by');
    await expect(root.locator('.failure-kind')).toHaveText('PaymentDeclined');
    await expect(root.locator('.failure-message')).toHaveText(chain[2].message);
    await expect(root.locator('.failure-details .payload-json')).toHaveText(json({ reason: 'insufficient_funds' }));

    // A stack trace exactly where the manifest says there is one.
    for (const [index, level] of chain.entries()) {
      const trace = levels.nth(index).locator('details.stack-trace');
      await expect(trace, `stack trace of level ${index}`).toHaveCount(level.has_stack_trace ? 1 : 0);
      if (level.has_stack_trace) {
        await expect(trace.locator('summary')).toHaveText('Stack trace');
        await expect(trace.locator('pre')).toContainText('File "');
      }
    }
    // The outermost trace is open; opening a nested one shows it.
    await expect(outer.locator('details.stack-trace pre')).toBeVisible();
    await expect(root.locator('details.stack-trace pre')).toBeHidden();
    await root.locator('details.stack-trace summary').click();
    await expect(root.locator('details.stack-trace pre')).toBeVisible();

    await expect(app.eventRows).toHaveCount(run.history_length);
    await expect(app.event(run.history_length).locator('.event-type')).toHaveText('WorkflowExecutionFailed');
    await expect(page.locator('tr.event-failed .event-type')).toContainText(['ActivityTaskFailed', 'WorkflowExecutionFailed']);
  });

  test('a terminated run shows the termination reason', async ({ app }) => {
    const run = fixture('terminated');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.runHeading).toHaveText(`Terminated ${run.workflow_id}`);
    const failure = app.outcome('Failure');
    await expect(failure.locator('.failure-kind')).toHaveText('Terminated');
    await expect(failure.locator('.failure-message')).toHaveText(run.termination_reason ?? 'termination_reason missing');
    await expect(app.event(run.history_length).locator('.event-type')).toHaveText('WorkflowExecutionTerminated');
  });

  test('a running run has no result yet', async ({ app }) => {
    const run = fixture('retrying');
    await app.goto(historyUrl(run.workflow_id, run.run_id));
    await expect(app.runHeading).toHaveText(`Running ${run.workflow_id}`);
    await expect(app.fact('State')).toContainText('1 pending activity');
    await expect(app.fact('Close')).toHaveText('—');
    await expect(app.outcome('Result')).toContainText('No result yet');
    await expect(app.input.locator('.payload-json')).toHaveText(json(run.input[0]));
    // The history only grows while the activity is retried, and never below the manifest's count.
    expect(await app.eventRows.count()).toBeGreaterThanOrEqual(run.history_length);
  });

  test('binary payloads are shown as base64, binary/null as null', async ({ app }) => {
    const run = fixture('binary_payloads');
    expect(run.input_encodings).toEqual(['binary/plain', 'binary/null']);
    const [bytes, nothing] = run.input_base64 ?? [];
    expect(bytes, 'manifest input_base64[0]').toEqual(expect.any(String));
    expect(nothing).toBeNull();

    await app.goto(historyUrl(run.workflow_id, run.run_id));
    const payloads = app.input.locator('.payload');
    await expect(payloads).toHaveCount(2);
    await expect(payloads.nth(0).locator('.payload-encoding')).toContainText('binary/plain');
    await expect(payloads.nth(0).locator('.payload-encoding')).toContainText(`${Buffer.from(bytes!, 'base64').length} B`);
    await expect(payloads.nth(0).locator('.payload-base64')).toContainText('base64');
    await expect(payloads.nth(0).locator('.payload-base64 pre')).toHaveText(bytes!);
    await expect(payloads.nth(1).locator('.payload-encoding')).toContainText('binary/null');
    await expect(payloads.nth(1).locator('pre')).toHaveText('null');
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(json(run.result));
  });

  test('a continue-as-new chain links each run to its neighbours', async ({ app, page }) => {
    const chain = fixture('continue_as_new');
    const ids = chain.run_ids;
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const wid = chain.workflow_id;

    // A middle run links both ways.
    await app.goto(historyUrl(wid, ids[1]));
    await expect(app.runHeading).toHaveText(`ContinuedAsNew ${wid}`);
    const from = app.fact('Continued from').getByRole('link');
    const as = app.fact('Continued as').getByRole('link');
    await expect(from).toHaveText(ids[0]);
    await expect(from).toHaveAttribute('href', historyUrl(wid, ids[0]));
    await expect(as).toHaveText(ids[2]);
    await expect(as).toHaveAttribute('href', historyUrl(wid, ids[2]));
    await expect(app.event(chain.runs![1].history_length).locator('.event-type')).toHaveText(
      'WorkflowExecutionContinuedAsNew',
    );

    // Following "Continued as" lands on the next run, which points back.
    await as.click();
    await expect(page).toHaveURL(pathPattern(historyUrl(wid, ids[2])));
    await expect(app.runHeader).toContainText(ids[2]);
    await expect(app.fact('Continued from').getByRole('link')).toHaveText(ids[1]);
    await expect(app.input.locator('.payload-json')).toHaveText(json(chain.runs![2].input[0]));

    // Following "Continued from" goes back.
    await app.fact('Continued from').getByRole('link').click();
    await expect(page).toHaveURL(pathPattern(historyUrl(wid, ids[1])));
    await expect(app.runHeader).toContainText(ids[1]);

    // The ends of the chain link one way only.
    await app.goto(historyUrl(wid, ids[0]));
    await expect(app.fact('Continued as').getByRole('link')).toHaveText(ids[1]);
    await expect(app.fact('Continued from')).toHaveCount(0);
    await app.goto(historyUrl(wid, ids[ids.length - 1]));
    await expect(app.runHeading).toHaveText(`${chain.status} ${wid}`);
    await expect(app.fact('Continued from').getByRole('link')).toHaveText(ids[ids.length - 2]);
    await expect(app.fact('Continued as')).toHaveCount(0);
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(json(chain.result));
  });

  test('a child run links back to its parent', async ({ app, page }) => {
    const parent = fixture('parent');
    const children = parent.children ?? [];
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      await app.goto(historyUrl(child.workflow_id, child.run_id));
      const link = app.fact('Parent').getByRole('link');
      await expect(link).toHaveText(parent.workflow_id);
      await expect(link).toHaveAttribute('href', historyUrl(parent.workflow_id, parent.run_id));
    }
    await app.fact('Parent').getByRole('link').click();
    await expect(page).toHaveURL(pathPattern(historyUrl(parent.workflow_id, parent.run_id)));
    await expect(app.runHeading).toHaveText(`${parent.status} ${parent.workflow_id}`);
    await expect(app.fact('Parent')).toHaveCount(0);
    await expect(app.eventRows).toHaveCount(parent.history_length);
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(json(parent.result));
  });

  test('a workflow ID opens its latest run', async ({ app, page }) => {
    const rerun = fixture('rerun');
    expect(rerun.run_ids).toHaveLength(2);
    const response = await app.goto(workflowUrl(rerun.workflow_id));
    expect(response.status()).toBe(200);
    expect((await response.request().redirectedFrom()?.response())?.status()).toBe(302);
    await expect(page).toHaveURL(pathPattern(historyUrl(rerun.workflow_id, rerun.run_id)));
    await expect(app.input.locator('.payload-json')).toHaveText(json(rerun.input[0]));

    // An older run stays reachable by its own URL; the URL without /history redirects to it.
    const [first] = rerun.runs!;
    await app.goto(runUrl(rerun.workflow_id, first.run_id));
    await expect(page).toHaveURL(pathPattern(historyUrl(rerun.workflow_id, first.run_id)));
    await expect(app.input.locator('.payload-json')).toHaveText(json(first.input[0]));
    await expect(app.outcome('Result').locator('.payload-json')).toHaveText(json(first.result));
  });
});
