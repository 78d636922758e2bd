from acme_analytics_tracker import Tracker

t = Tracker(drain_at_exit=False)
t.workbench.draft_created(nodeCount=1)  # expect-error
