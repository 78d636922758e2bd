"""Run time of the generated Python tracker on the shapes (run by test/shapes/shapes.test.ts
with the generated shapes_tracker on the path): the calls of refusals.json through track(),
and large integers through the typed methods; prints what was sent, refused and warned."""
import json
import logging
import os
import sys

from shapes_tracker import FunctionSink, Tracker

warnings = []


class _Keep(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        warnings.append(record.getMessage())


logging.getLogger("taxonomy_tracker").addHandler(_Keep())
logging.getLogger("taxonomy_tracker").propagate = False

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "refusals.json"), encoding="utf-8") as f:
    cases = json.load(f)
sent = []
t = Tracker(FunctionSink(sent.append), drain_at_exit=False)
for name, props, _ in cases["refused"]:
    t.track(name, props)
for name, props in cases["sent"]:
    t.track(name, props)
t.shapes.big_int(id=9223372036854775807, total=18446744073709551615, huge=-(2 ** 70))
t.shapes.big_int(id=-9223372036854775808)
t.shapes.one_of(target={"kind": "u\"r'l`${x}\u2028\\n\\", "href": "h"})
t.shapes.json_value(payload={"a": (1, 2), "b": {"c": None}})
t.shapes.open_event(n=2, **{"any key": "v"})
s = t.shutdown(10)
json.dump({
    "delivered": s.delivered, "dropped": s.dropped, "warnings": warnings,
    # The wire text, so integers are compared digit for digit.
    "sent": [json.dumps([e["event"], e["properties"]], ensure_ascii=False, sort_keys=True) for e in sent],
}, sys.stdout)
