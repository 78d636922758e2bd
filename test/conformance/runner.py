"""Conformance runner of the generated Python tracker: python3 runner.py <case.json> <collector url>.

Replays the case's calls through the generated tracker (by wire name) and prints the stats as JSON.
"""
import json
import sys
from typing import Any, Dict

from acme_analytics_tracker import HttpSink, Tracker


def main() -> None:
    case_path, url = sys.argv[1], sys.argv[2]
    with open(case_path, encoding="utf-8") as f:
        c: Dict[str, Any] = json.load(f)
    o: Dict[str, Any] = c.get("options", {})
    sink = HttpSink(
        url, batch_size=o.get("batchSize", 20), flush_interval=o.get("flushIntervalMs", 60_000) / 1000, max_pending=o.get("maxPending", 1000),
        retries=o.get("retries", 5), retry_base=o.get("retryBaseMs", 10) / 1000, max_retry_after=o.get("maxRetryAfterMs", 60_000) / 1000,
    )
    t = Tracker(
        sink, max_queue=o.get("maxQueue", 1000), sample_rate=o.get("sampleRate", 1.0), consent=o.get("consent"),
        include_content=o.get("includeContent", False), context=o.get("context"), drain_at_exit=False,
    )
    for call in c["calls"]:
        if "setConsent" in call:
            t.set_consent(call["setConsent"])
        else:
            t.track(call["event"], call.get("properties", {}))
    s = t.shutdown(30.0)
    dropped = {k: v for k, v in s.dropped.items() if v > 0}
    print(json.dumps({"enqueued": s.enqueued, "delivered": s.delivered, "pending": s.pending, "dropped": dropped}))


if __name__ == "__main__":
    main()
