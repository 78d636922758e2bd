# Correct uses of the generated trackers: pyright --strict and mypy --strict report nothing here.
from acme_analytics_tracker import HttpSink, Tracker, TrackerStats
from hostile_tracker import FunctionSink, Tracker as HostileTracker

t = Tracker(HttpSink("http://127.0.0.1:9/v1/batch"), globals={"sessionId": "s1"}, consent="analytics", drain_at_exit=False)
t.workbench.draft_created(source="chat", nodeCount=3)
t.workbench.draft_created(source="template")
t.track("workbench.draft_created", {"source": "chat"})
t.set_consent("all")
s: TrackerStats = t.shutdown(0.1)
print(s.enqueued, s.dropped["queueFull"])

h = HostileTracker(FunctionSink(print), drain_at_exit=False)
h.class_.class_(class_="c", self_="s", type="t", len="l", import_="i", func="f", range="r", go="g", chan="c", package="p", def_="d", None_="n", nil="n", string="s", error="e", interface="i", person="p", p="p", p_p="p", Optional="o", Dict="d")
h.class_.type(kind="it's \"q\"")
h.class_.func(userId="u", userid=1, UserId=True)
h.class_.import_(obj={"class": "c", "len": 2})
h.class_.len(tags=["x", "y"])
h.class_.self(n=1.5)
h.class_.self(n=1.5, m=2.0, x="experimental")
h.class_.foo(a="lower")
h.class_.foo_2(a="upper")
h.type.import_(x="x")
