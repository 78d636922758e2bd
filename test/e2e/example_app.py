"""The example app in Python: workbench sessions through the GENERATED typed tracker.

python3 example_app.py <collector url> <sessions> <start ms> <step ms> <seed>
Sends them to the collector on a simulated clock (sessions spread over weeks) and prints the stats as JSON.
"""
import json
import random
import sys
from typing import List, TypeVar

from acme_analytics_tracker import HttpSink, Tracker

T = TypeVar("T")


def main() -> None:
    url, sessions, start_ms, step_ms, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    rnd = random.Random(seed)

    def pick(xs: List[T]) -> T:
        return xs[rnd.randrange(len(xs))]

    state = {"clock": float(start_ms), "session": ""}
    t = Tracker(
        HttpSink(url, batch_size=20, flush_interval=0.005, max_pending=100_000),
        globals=lambda: {"sessionId": state["session"]}, clock=lambda: state["clock"] / 1000, max_queue=100_000, drain_at_exit=False,
    )
    wb = t.workbench

    def later(minutes: float) -> None:
        state["clock"] += int(minutes * 60_000 * (0.5 + rnd.random()))

    for s in range(sessions):
        state["clock"] = start_ms + s * step_ms
        state["session"] = f"py-{seed}-{s}"
        user_id = f"user-{rnd.randrange(20)}"
        wb.session_started(userId=user_id, referrer=pick(["/home", "/projects", "/templates"]))
        for _ in range(1 + rnd.randrange(4)):
            later(1)
            wb.chat_message_sent(messageLength=pick(["0-49", "50-199", "200-499"]), hasAttachment=rnd.random() < 0.2)
        template_id = f"tpl-{rnd.randrange(5)}"
        if rnd.random() < 0.4:
            later(0.5)
            wb.template_suggested(templateId=template_id)
        draft_id = f"draft-py-{seed}-{s}"
        later(2)
        wb.draft_created(source=pick(["chat", "template", "blank"]), draftId=draft_id, nodeCount=rnd.randrange(12))
        if rnd.random() < 0.5:
            later(3)
            wb.draft_edited(draftId=draft_id, editType=pick(["chat", "canvas", "template_insert"]), nodeCount=rnd.randrange(15))
        if rnd.random() < 0.3:
            later(1)
            wb.template_inserted(templateId=template_id, draftId=draft_id)
        later(10)
        if rnd.random() < 0.7:
            wb.draft_accepted(draftId=draft_id, source=pick(["chat", "template"]))
            wb.workflow_created(workflowId=f"wf-py-{seed}-{s}", creationSource="workbench", draftId=draft_id)
            if rnd.random() < 0.6:
                run_id = f"run-py-{seed}-{s}"
                later(1)
                wb.workflow_run_started(draftId=draft_id, runId=run_id)
                later(5)
                wb.workflow_run_completed(runId=run_id, status=pick(["completed", "failed", "cancelled"]))
        else:
            wb.draft_rejected(draftId=draft_id, source="chat")
        if s % 3 == 0:  # a workflow from another source (workbench_adoption's denominator)
            wb.workflow_created(workflowId=f"wf-py-editor-{seed}-{s}", creationSource="editor")
        later(2)
        wb.session_ended(durationMs=int(state["clock"] - (start_ms + s * step_ms)), userId=user_id)
    st = t.shutdown(120.0)
    print(json.dumps({"enqueued": st.enqueued, "delivered": st.delivered, "pending": st.pending, "dropped": {k: v for k, v in st.dropped.items() if v}}))


if __name__ == "__main__":
    main()
