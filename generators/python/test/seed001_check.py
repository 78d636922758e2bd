"""Seed 001's checks in the generated Python tracker, through its typed methods; prints one JSON object.

format: currency upper-cased and refused unless ISO 4217 (the generated CURRENCY_CODES), a CSAT
score above its maxScore refused, impressions de-duplicated by messageId from a bounded set
(oldest forgotten; a refused call marks nothing), the caller's mapping left alone.
"""
import json
from typing import Any, Dict, List

from acme_analytics_tracker import Envelope, EventSpec, FunctionSink, Tracker
from acme_analytics_tracker._runtime import Tracker as Runtime

sent: List[Envelope] = []
t = Tracker(FunctionSink(sent.append), drain_at_exit=False)
for cur in ("usd", "Eur", "US", "USDX", "ABC"):
    t.chat_sdk.purchase_completed(orderId=cur, revenue=1.0, currency=cur, sessionId="s1")
t.chat_sdk.csat_submitted(score=6, maxScore=5, sessionId="s1")
t.chat_sdk.csat_submitted(score=5, maxScore=5, sessionId="s1")
t.chat_sdk.csat_submitted(score=9, sessionId="s1")
for m in ("m1", "m1", "m2", "m1"):
    t.chat_sdk.message_impression(messageId=m, sessionId="s1")
s = t.shutdown(5)
out: Dict[str, Any] = {
    "typed": {"enqueued": s.enqueued, "delivered": s.delivered, "dropped": {k: v for k, v in s.dropped.items() if v}},
    "sent": [[e["event"], {k: v for k, v in e["properties"].items() if k in ("currency", "score", "maxScore", "messageId")}] for e in sent],  # type: ignore[union-attr]
}

# The runtime with a bounded set of two keys, and a caller's mapping that must stay as it was.
spec = EventSpec(event="t.checks", kinds=("product",), currency=("currency",), dedupe="messageId")
got: List[Envelope] = []
r = Runtime(FunctionSink(got.append), drain_at_exit=False, max_dedupe_keys=2, currency_codes=("USD",))
caller: Dict[str, object] = {"messageId": "a", "currency": "XX"}
r.track(spec, caller)  # refused: does not mark a as seen
for m in ("a", "a", "b"):
    r.track(spec, {"messageId": m, "currency": "usd"})
lower: Dict[str, object] = {"messageId": "c", "currency": "usd"}
r.track(spec, lower)  # sent as USD; the caller's mapping keeps "usd"
for m in ("a", "c"):
    r.track(spec, {"messageId": m, "currency": "usd"})
rs = r.shutdown(5)
out["bounded"] = {"enqueued": rs.enqueued, "delivered": rs.delivered, "dropped": {k: v for k, v in rs.dropped.items() if v}}
out["boundedSent"] = [e["properties"]["messageId"] for e in got]  # type: ignore[index,call-overload]
out["caller"] = [caller, lower]
out["boundedCurrency"] = sorted({str(e["properties"]["currency"]) for e in got})  # type: ignore[index,call-overload]
print(json.dumps(out))
