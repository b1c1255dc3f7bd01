"""Creates one closed workflow with a history of N events, for the history benchmark.

    python make_history.py --address 127.0.0.1:7233 --events 50000

Starts an ApprovalWorkflow on a task queue nobody polls and signals it N - 3 times: while its
first workflow task waits for a worker, every signal is one WorkflowExecutionSignaled event
(with a small JSON payload). Then terminates it. N stays under Temporal's default limit of
51,200 events per history. Prints one JSON line: {"workflow_id", "run_id", "events", "seconds"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from pathlib import Path

from temporalio.client import Client

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))

from workflows import ApprovalWorkflow  # noqa: E402

# WorkflowExecutionStarted, WorkflowTaskScheduled and WorkflowExecutionTerminated.
FIXED_EVENTS = 3
CONCURRENCY = 200


async def main(args: argparse.Namespace) -> None:
    client = await Client.connect(args.address, namespace=args.namespace)
    workflow_id = f"bench-history-{args.events}-{uuid.uuid4().hex[:6]}"
    started = time.monotonic()
    handle = await client.start_workflow(
        ApprovalWorkflow.run, "bench", id=workflow_id, task_queue=f"bench-unpolled-{uuid.uuid4().hex[:8]}"
    )
    signals = iter(range(args.events - FIXED_EVENTS))
    lock = asyncio.Lock()

    async def sender() -> None:
        while True:
            async with lock:
                index = next(signals, None)
            if index is None:
                return
            await handle.signal("approve", f"approver-{index}")

    await asyncio.gather(*(sender() for _ in range(CONCURRENCY)))
    await handle.terminate(reason="history benchmark done")
    description = await handle.describe()
    print(
        json.dumps(
            {
                "workflow_id": workflow_id,
                "run_id": description.run_id,
                "events": description.raw_description.workflow_execution_info.history_length,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="127.0.0.1:7233")
    parser.add_argument("--namespace", default="default")
    parser.add_argument("--events", type=int, required=True)
    asyncio.run(main(parser.parse_args()))
