// The example app of the end-to-end tests: a workbench front end that uses the GENERATED
// typed tracker (one method per event) with the runtime's httpSink, on a simulated clock so
// that its sessions spread over weeks. Deterministic: the same seed tracks the same events.

/** A small deterministic random source (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `sessions` workbench sessions, from `startMs` on, `stepMs` apart (simulated time).
 * `createTracker` is the generated package's; `sink` the httpSink to send through.
 * Yields to the event loop after every session (a real app does other work), and waits
 * `pauseMs` every `pauseEvery` sessions so that a load spans a while.
 */
export async function runExampleApp({ createTracker, sink, sessions, startMs, stepMs, seed = 1, pauseEvery = 0, pauseMs = 0, trackerOptions = {} }) {
  const random = rng(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  let clock = startMs;
  let sessionId = '';
  const tracker = createTracker({ sink, now: () => clock, globals: () => ({ sessionId }), environment: 'production', ...trackerOptions });
  const wb = tracker.workbench;
  for (let s = 0; s < sessions; s++) {
    clock = startMs + s * stepMs;
    sessionId = `sess-${seed}-${s}`;
    const userId = `user-${Math.floor(random() * 20)}`;
    const later = (minutes) => { clock += Math.floor(minutes * 60_000 * (0.5 + random())); };
    wb.sessionStarted({ userId, referrer: pick(['/home', '/projects', '/templates']) });
    const messages = 1 + Math.floor(random() * 4);
    for (let m = 0; m < messages; m++) {
      later(1);
      wb.chatMessageSent({ messageLength: pick(['0-49', '50-199', '200-499', '500-999', '1000+']), hasAttachment: random() < 0.2 });
    }
    const templateId = `tpl-${Math.floor(random() * 5)}`;
    if (random() < 0.4) { later(0.5); wb.templateSuggested({ templateId }); }
    const draftId = `draft-${seed}-${s}`;
    later(2);
    wb.draftCreated({ source: pick(['chat', 'template', 'blank']), draftId, nodeCount: Math.floor(random() * 12) });
    if (random() < 0.5) { later(3); wb.draftEdited({ draftId, editType: pick(['chat', 'canvas', 'template_insert']), nodeCount: Math.floor(random() * 15) }); }
    if (random() < 0.3) { later(1); wb.templateInserted({ templateId, draftId }); }
    later(10);
    if (random() < 0.7) {
      wb.draftAccepted({ draftId, source: pick(['chat', 'template']) });
      wb.workflowCreated({ workflowId: `wf-${seed}-${s}`, creationSource: 'workbench', draftId }); // server side: the accepted draft is saved
      if (random() < 0.6) {
        const runId = `run-${seed}-${s}`;
        later(1);
        wb.workflowRunStarted({ draftId, runId });
        later(5);
        wb.workflowRunCompleted({ runId, status: pick(['completed', 'failed', 'cancelled']) });
      }
    } else {
      wb.draftRejected({ draftId, source: 'chat' });
    }
    // A workflow from another source (workbench_adoption's denominator), every third session.
    if (s % 3 === 0) wb.workflowCreated({ workflowId: `wf-editor-${seed}-${s}`, creationSource: 'editor' });
    later(2);
    wb.sessionEnded({ durationMs: clock - (startMs + s * stepMs), userId });
    await new Promise((r) => setImmediate(r));
    if (pauseEvery && s % pauseEvery === pauseEvery - 1) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return { tracker, endMs: clock };
}
