"""Hostile conditions for the generated Python runtime; prints one JSON object of findings.

A sink that raises (even SystemExit), a collector that is down, a slow sink with a full
queue, data that is not JSON, a globals function that raises, calls after shutdown: the host
never sees an exception, and every drop is counted (enqueued = delivered + dropped + pending).
"""
import json
import socket
import sys
import time
from typing import Any, Dict, List, Sequence

from acme_analytics_tracker import FunctionSink, HttpSink, SendContext, Sink, Tracker, TrackerStats
from acme_analytics_tracker import Envelope


def books(s: TrackerStats) -> Dict[str, Any]:
    return {"enqueued": s.enqueued, "delivered": s.delivered, "pending": s.pending, "dropped": {k: v for k, v in s.dropped.items() if v},
            "balanced": s.enqueued == s.delivered + sum(s.dropped.values()) + s.pending}


out: Dict[str, Any] = {}
raised: List[str] = []


def guard(name: str, fn: Any) -> None:
    try:
        fn()
    except BaseException as e:  # noqa: B902 (any exception reaching the host is a failure)
        raised.append(f"{name}: {e!r}")


def raising_sink() -> None:
    def boom(_e: Any) -> None:
        raise SystemExit("sink says exit")
    t = Tracker(FunctionSink(boom), drain_at_exit=False)
    for i in range(5):
        t.workbench.draft_created(source="chat", draftId=f"d{i}")
    out["raisingSink"] = books(t.shutdown(5))


def collector_down() -> None:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    t = Tracker(HttpSink(f"http://127.0.0.1:{port}/v1/batch", retries=2, retry_base=0.001, batch_size=3, flush_interval=0.01), drain_at_exit=False)
    for i in range(4):
        t.workbench.draft_created(source="chat", draftId=f"d{i}")
    out["collectorDown"] = books(t.shutdown(10))


def full_queue() -> None:
    def slow(_e: Any) -> None:
        time.sleep(0.05)
    t = Tracker(FunctionSink(slow), max_queue=3, drain_at_exit=False)
    start = time.monotonic()
    for i in range(200):
        t.workbench.draft_created(source="chat", draftId=f"d{i}")
    out["trackSeconds"] = time.monotonic() - start
    out["fullQueue"] = books(t.shutdown(0.2))


def bad_data() -> None:
    seen: List[Dict[str, Any]] = []
    t = Tracker(FunctionSink(seen.append), globals=lambda: 1 / 0, drain_at_exit=False)  # type: ignore[arg-type, return-value]
    t.track("workbench.draft_created", {"source": "chat", "draftId": object()})
    cyc: Dict[str, Any] = {"apiKey": "k"}
    cyc["self"] = cyc
    t.track("workbench.draft_created", {"source": "chat", "draftId": "ok", "extra": cyc, "nan": float("nan")})
    t.runtime.track(None, None)  # type: ignore[arg-type]
    out["badData"] = books(t.shutdown(5))
    out["badDataEnvelope"] = seen[0]["properties"] if seen else None
    t.workbench.draft_created(source="chat")
    out["afterShutdown"] = books(t.stats())


class _Batches(Sink):
    """Records the size of every batch it is given."""
    def __init__(self) -> None:
        self.batch_size = 1000
        self.flush_interval = 60.0
        self.sizes: List[int] = []

    def send(self, events: Sequence[Envelope], ctx: SendContext) -> None:
        self.sizes.append(len(events))


class _SlowDict(Dict[str, Any]):
    """JSON data whose copy takes a while: the background thread is still routing it when the host shuts down."""
    def items(self) -> Any:
        time.sleep(0.3)
        return super().items()


def shutdown_mid_route() -> None:
    # Regression: shutdown() while the thread was routing the first part of the queue sent
    # that part as a batch of its own (the conformance case 10-sampling saw two attempts under load).
    sink = _Batches()
    t = Tracker(sink, drain_at_exit=False)
    t.track("workbench.draft_created", {"source": "chat", "draftId": "slow", "extra": _SlowDict(a=1)})
    time.sleep(0.1)
    for i in range(9):
        t.workbench.draft_created(source="chat", draftId=f"d{i}")
    out["shutdownMidRoute"] = {"books": books(t.shutdown(5)), "batches": sink.sizes}


for name, fn in [("raisingSink", raising_sink), ("collectorDown", collector_down), ("fullQueue", full_queue), ("badData", bad_data), ("shutdownMidRoute", shutdown_mid_route)]:
    guard(name, fn)
out["raised"] = raised
sys.stdout.write(json.dumps(out) + "\n")
