from acme_analytics_tracker import Tracker

t = Tracker(drain_at_exit=False)
t.workbench.draft_created(source="chat-bot")  # expect-error
t.set_consent("maybe")  # expect-error
