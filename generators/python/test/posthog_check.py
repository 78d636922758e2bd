"""Seed 003's PostHog batch sink of the generated Python runtime, against a stand-in for
PostHog's /batch/ on loopback that answers 400 unless the body has the documented shape
(api_key, batch[] of event, distinct_id, properties, timestamp); the first well-formed request
gets a 503. Prints one JSON object of findings."""
import json
import logging
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Dict, List


from acme_analytics_tracker._runtime import PosthogBatchSink, Tracker, analytics_environment, posthog_batch_sink_from_env
from acme_analytics_tracker._specs import SPECS

received: List[Dict[str, Any]] = []
refused: List[str] = []
state = {"failed": 0}


def problem(path: str, raw: bytes) -> str:
    if path != "/batch/":
        return "path " + path
    try:
        body = json.loads(raw)
    except ValueError:
        return "not JSON"
    if not isinstance(body, dict) or not body.get("api_key") or not isinstance(body.get("batch"), list) or not body["batch"]:
        return "api_key or batch missing"
    for e in body["batch"]:
        if not e.get("event") or not isinstance(e.get("distinct_id"), str) or not e["distinct_id"] or not isinstance(e.get("properties"), dict):
            return "event shape"
        datetime.fromisoformat(str(e.get("timestamp")).replace("Z", "+00:00"))
    return ""


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("content-length", "0")))
        p = problem(self.path, raw)
        if p:
            refused.append(p)
            self.send_response(400)
        elif state["failed"] < 1:
            state["failed"] += 1
            self.send_response(503)
            self.send_header("retry-after", "0")
        else:
            received.append(json.loads(raw))
            self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
host = f"http://127.0.0.1:{server.server_address[1]}"
U = "5b1f0a52-3c1e-4a4e-9a51-0a4e1c2f9b10"
out: Dict[str, Any] = {}

t = Tracker(PosthogBatchSink("phc_test", SPECS, host=host + "/", retry_base=0.001), globals={"environment": analytics_environment({"APP_ENV": "PRODUCTION"})})
t.track(SPECS["signup"], {"email_domain": "acme.com", "signup_source": "x" * 10240, "user_id": U}, {"$set_once": {"email": "a@acme.com"}})
t.track(SPECS["issue_executed"], {"agent_id": "a1", "issue_id": "i1", "workspace_id": "w1", "task_id": "t1", "source": "chat"})
t.track(SPECS["agent_created"], {"workspace_id": "w1"})
s = t.shutdown(10.0)
out["stats"] = {"delivered": s.delivered, "dropped": {k: v for k, v in s.dropped.items() if v}}
out["api_keys"] = sorted({b["api_key"] for b in received})
out["events"] = [[e["event"], e["distinct_id"], e["properties"].get("environment"), e["properties"].get("signup_source"), e["properties"].get("$set_once")] for b in received for e in b["batch"]]
out["refused"] = refused

logging.basicConfig(level=logging.WARNING)
switches = []
for env in ({}, {"POSTHOG_API_KEY": ""}, {"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "true"}, {"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "1"},
            {"POSTHOG_API_KEY": "k", "ANALYTICS_DISABLED": "false", "POSTHOG_HOST": host}):
    before = len(received) + len(refused)
    tr = Tracker(posthog_batch_sink_from_env(env, SPECS))
    tr.track(SPECS["agent_created"], {"workspace_id": "w1", "user_id": U})
    tr.shutdown(10.0)
    switches.append([tr.active, len(received) + len(refused) - before])
out["switches"] = switches
server.shutdown()
print(json.dumps(out))
