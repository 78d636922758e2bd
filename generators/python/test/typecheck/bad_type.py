from acme_analytics_tracker import Tracker

t = Tracker(drain_at_exit=False)
t.workbench.draft_created(source="chat", nodeCount="three")  # expect-error
t.workbench.draft_created(source="chat", noSuchProperty=1)  # expect-error
