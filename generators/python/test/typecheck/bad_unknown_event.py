from acme_analytics_tracker import Tracker

t = Tracker(drain_at_exit=False)
t.workbench.draft_deleted_forever(source="chat")  # expect-error
t.track("workbench.no_such_event", {})  # expect-error
