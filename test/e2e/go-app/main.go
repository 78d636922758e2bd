// The example app in Go: workbench sessions through the GENERATED typed tracker (a struct
// per event), on a simulated clock. go-app <collector url> <sessions> <start ms> <step ms> <seed>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"time"

	tracker "acme-analytics/tracker"
)

func main() {
	url := os.Args[1]
	sessions, _ := strconv.Atoi(os.Args[2])
	startMs, _ := strconv.ParseInt(os.Args[3], 10, 64)
	stepMs, _ := strconv.ParseFloat(os.Args[4], 64)
	seed, _ := strconv.ParseInt(os.Args[5], 10, 64)
	rnd := rand.New(rand.NewSource(seed))
	clock := startMs
	session := ""
	c := tracker.NewClient(tracker.Options{
		Sinks:     []tracker.Sink{&tracker.HTTPSink{URL: url}},
		Globals:   func() map[string]interface{} { return map[string]interface{}{"sessionId": session} },
		Now:       func() time.Time { return time.UnixMilli(clock) },
		QueueSize: 100000, BatchSize: 20, FlushInterval: 5 * time.Millisecond,
	})
	later := func(minutes float64) { clock += int64(minutes * 60000 * (0.5 + rnd.Float64())) }
	str := func(xs ...string) string { return xs[rnd.Intn(len(xs))] }
	for s := 0; s < sessions; s++ {
		clock = startMs + int64(float64(s)*stepMs)
		session = fmt.Sprintf("go-%d-%d", seed, s)
		userID := fmt.Sprintf("user-%d", rnd.Intn(20))
		c.Track(tracker.WorkbenchSessionStarted{UserId: tracker.Ptr(userID), Referrer: tracker.Ptr(str("/home", "/projects", "/templates"))})
		for m := 0; m < 1+rnd.Intn(4); m++ {
			later(1)
			ml := tracker.WorkbenchChatMessageSentMessageLength(str("0-49", "50-199", "200-499"))
			c.Track(tracker.WorkbenchChatMessageSent{MessageLength: &ml, HasAttachment: tracker.Ptr(rnd.Float64() < 0.2)})
		}
		templateID := fmt.Sprintf("tpl-%d", rnd.Intn(5))
		if rnd.Float64() < 0.4 {
			later(0.5)
			c.Track(tracker.WorkbenchTemplateSuggested{TemplateId: templateID})
		}
		draftID := fmt.Sprintf("draft-go-%d-%d", seed, s)
		later(2)
		c.Track(tracker.WorkbenchDraftCreated{Source: tracker.WorkbenchDraftCreatedSource(str("chat", "template", "blank")), DraftId: &draftID, NodeCount: tracker.Ptr(int64(rnd.Intn(12)))})
		if rnd.Float64() < 0.5 {
			later(3)
			c.Track(tracker.WorkbenchDraftEdited{DraftId: draftID, EditType: tracker.WorkbenchDraftEditedEditType(str("chat", "canvas", "template_insert")), NodeCount: tracker.Ptr(int64(rnd.Intn(15)))})
		}
		if rnd.Float64() < 0.3 {
			later(1)
			c.Track(tracker.WorkbenchTemplateInserted{TemplateId: templateID, DraftId: draftID})
		}
		later(10)
		if rnd.Float64() < 0.7 {
			src := tracker.WorkbenchDraftAcceptedSource(str("chat", "template"))
			c.Track(tracker.WorkbenchDraftAccepted{DraftId: draftID, Source: &src})
			c.Track(tracker.WorkbenchWorkflowCreated{WorkflowId: fmt.Sprintf("wf-go-%d-%d", seed, s), CreationSource: tracker.WorkbenchWorkflowCreatedCreationSourceWorkbench, DraftId: &draftID})
			if rnd.Float64() < 0.6 {
				runID := fmt.Sprintf("run-go-%d-%d", seed, s)
				later(1)
				c.Track(tracker.WorkbenchWorkflowRunStarted{DraftId: draftID, RunId: runID})
				later(5)
				c.Track(tracker.WorkbenchWorkflowRunCompleted{RunId: runID, Status: tracker.WorkbenchWorkflowRunCompletedStatus(str("completed", "failed", "cancelled"))})
			}
		} else {
			src := tracker.WorkbenchDraftRejectedSourceChat
			c.Track(tracker.WorkbenchDraftRejected{DraftId: draftID, Source: &src})
		}
		if s%3 == 0 { // a workflow from another source (workbench_adoption's denominator)
			c.Track(tracker.WorkbenchWorkflowCreated{WorkflowId: fmt.Sprintf("wf-go-editor-%d-%d", seed, s), CreationSource: tracker.WorkbenchWorkflowCreatedCreationSourceEditor})
		}
		later(2)
		c.Track(tracker.WorkbenchSessionEnded{DurationMs: tracker.Ptr(clock - (startMs + int64(float64(s)*stepMs))), UserId: tracker.Ptr(userID)})
		// A real server does other work between requests; and the queue is bounded.
		if s%20 == 19 {
			c.Flush(context.Background())
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	st := c.Close(ctx)
	b, _ := json.Marshal(st)
	fmt.Println(string(b))
}
