// Seed 002 (workbench), section 3 "Metric Mapping (Events -> Phase 5 KPIs)": each metric of
// taxonomy/metrics/workbench.yaml on a small event set, the expected value worked out by hand
// from the seed's row. Window 30d and grain week are the taxonomy's choice (the seed sets none).
import { D, M, envelopes, seedMetricSuite, type SeedCase } from './harness.js';

// Wednesday 2026-03-04 12:00 UTC; the 30-day window starts 2026-02-02 12:00.
const AS_OF = Date.UTC(2026, 2, 4, 12);
const W1 = Date.UTC(2026, 1, 23); // Monday of the ISO week 2026-02-23
const W2 = Date.UTC(2026, 2, 2); //  Monday of the ISO week 2026-03-02
const W0 = Date.UTC(2026, 1, 16); // Monday of the ISO week 2026-02-16
const OLD = AS_OF - 31 * D; // before the window
const ev = envelopes('wb');
const s = { sessionId: 's1' };

const CASES: SeedCase[] = [
  {
    // Seed: "workbench.template_suggested / workbench.chat_message_sent", target 30% of chats.
    // Week 02-23: 4 messages, 1 suggestion -> 1/4 = 0.25.
    // Week 03-02: 2 messages, 1 suggestion -> 1/2 = 0.5.
    // Week 02-16: a suggestion and no message -> no rate (null), never a division by zero.
    // The old message (31 days ago) is outside the window: it changes nothing.
    metric: 'template_suggestion_rate',
    asOf: AS_OF,
    events: [
      ...[1, 2, 3, 4].map((i) => ev('workbench.chat_message_sent', W1 + i * 3_600_000, s)),
      ev('workbench.template_suggested', W1 + 5 * 3_600_000, { ...s, templateId: 't1' }),
      ev('workbench.chat_message_sent', W2 + 1000, s),
      ev('workbench.chat_message_sent', W2 + 2000, s),
      ev('workbench.template_suggested', W2 + 3000, { ...s, templateId: 't2' }),
      ev('workbench.template_suggested', W0 + 1000, { ...s, templateId: 't3' }),
      ev('workbench.chat_message_sent', OLD, s),
    ],
    expected: [{ bucket: '2026-02-16', value: null }, { bucket: '2026-02-23', value: 0.25 }, { bucket: '2026-03-02', value: 0.5 }],
  },
  {
    // Seed: "workbench.draft_created -> workbench.draft_accepted duration", per draft (draftId).
    // Week 02-23: d1 10 min, d2 30 min, d3 20 min -> median of {10, 20, 30} = 20 min = 1 200 000 ms.
    //   d4 is created without a draftId: it cannot be timed and is no sample.
    // Week 03-02: d5 60 min -> 3 600 000 ms.
    metric: 'time_to_create_workflow',
    asOf: AS_OF,
    events: [
      ev('workbench.draft_created', W1 + 10 * 3_600_000, { ...s, source: 'chat', draftId: 'd1' }),
      ev('workbench.draft_accepted', W1 + 10 * 3_600_000 + 10 * M, { ...s, draftId: 'd1' }),
      ev('workbench.draft_created', W1 + D + 9 * 3_600_000, { ...s, source: 'template', draftId: 'd2' }),
      ev('workbench.draft_accepted', W1 + D + 9 * 3_600_000 + 30 * M, { ...s, draftId: 'd2' }),
      ev('workbench.draft_created', W1 + 2 * D, { ...s, source: 'blank', draftId: 'd3' }),
      ev('workbench.draft_accepted', W1 + 2 * D + 20 * M, { ...s, draftId: 'd3' }),
      ev('workbench.draft_created', W1 + 2 * D, { ...s, source: 'blank' }),
      ev('workbench.draft_created', W2 + 10 * 3_600_000, { ...s, source: 'chat', draftId: 'd5' }),
      ev('workbench.draft_accepted', W2 + 11 * 3_600_000, { ...s, draftId: 'd5' }),
    ],
    expected: [{ bucket: '2026-02-23', value: 1_200_000 }, { bucket: '2026-03-02', value: 3_600_000 }],
  },
  {
    // Seed: "workbench.draft_accepted, workbench.workflow_run_started vs other creation sources
    // (if tracked elsewhere)", target "80% of workflows via workbench": workflows created through
    // the workbench (one per accepted or run draft) / workflows created through every source
    // (workbench.workflow_created, ours: the seed tracks the other sources "elsewhere").
    // Week 02-23: created w1 (workbench, d1), w2 (workbench, d2), w3 (editor), w4 (api) -> 4
    //   workflows. Workbench drafts: d1 accepted and run (one workflow), d2 accepted; d3 is run
    //   but its workflow w0 was created 31 days ago, outside the window, so it is no workflow
    //   created now: {d1, d2} -> 2/4 = 0.5.
    // Week 03-02: created w5 (workbench, d5), w6 (import), w7 (duplicate) -> 3; d5 accepted; d8
    //   accepted but no workflow was created for it (never saved): {d5} -> 1/3.
    metric: 'workbench_adoption',
    asOf: AS_OF,
    events: [
      ev('workbench.workflow_created', OLD, { workflowId: 'w0', creationSource: 'workbench', draftId: 'd3' }),
      ev('workbench.workflow_created', W1 + 1000, { workflowId: 'w1', creationSource: 'workbench', draftId: 'd1' }),
      ev('workbench.workflow_created', W1 + 2000, { workflowId: 'w2', creationSource: 'workbench', draftId: 'd2' }),
      ev('workbench.workflow_created', W1 + 3000, { workflowId: 'w3', creationSource: 'editor' }),
      ev('workbench.workflow_created', W1 + 4000, { workflowId: 'w4', creationSource: 'api' }),
      ev('workbench.draft_accepted', W1 + 900, { ...s, draftId: 'd1' }),
      ev('workbench.draft_accepted', W1 + 1900, { ...s, draftId: 'd2' }),
      ev('workbench.workflow_run_started', W1 + 5000, { ...s, draftId: 'd1', runId: 'r1' }),
      ev('workbench.workflow_run_started', W1 + 6000, { ...s, draftId: 'd3', runId: 'r2' }),
      ev('workbench.workflow_created', W2 + 1000, { workflowId: 'w5', creationSource: 'workbench', draftId: 'd5' }),
      ev('workbench.workflow_created', W2 + 2000, { workflowId: 'w6', creationSource: 'import' }),
      ev('workbench.workflow_created', W2 + 3000, { workflowId: 'w7', creationSource: 'duplicate' }),
      ev('workbench.draft_accepted', W2 + 900, { ...s, draftId: 'd5' }),
      ev('workbench.draft_accepted', W2 + 4000, { ...s, draftId: 'd8' }),
    ],
    expected: [{ bucket: '2026-02-23', value: 0.5 }, { bucket: '2026-03-02', value: 1 / 3 }],
  },
  {
    // Seed: "workbench.template_inserted / workbench.draft_accepted", target "50% of workflows use
    // template": the share of accepted drafts (workflows) into which a template was inserted.
    // Week 02-23: accepted d1, d2 (2 workflows); templates inserted twice into d1 and once into d9,
    // a draft that was rejected, never a workflow. Workflows using a template: {d1} -> 1/2 = 0.5.
    // Week 03-02: a template inserted into d7, whose acceptance is 31 days old (outside the
    // window): no accepted draft this window has it, so the week has no event of the rate: no row.
    metric: 'template_usage_rate',
    asOf: AS_OF,
    events: [
      ev('workbench.template_inserted', W1 + 1000, { ...s, draftId: 'd1', templateId: 't1' }),
      ev('workbench.template_inserted', W1 + 2000, { ...s, draftId: 'd1', templateId: 't2' }),
      ev('workbench.template_inserted', W1 + 3000, { ...s, draftId: 'd9', templateId: 't1' }),
      ev('workbench.draft_rejected', W1 + 4000, { ...s, draftId: 'd9' }),
      ev('workbench.draft_accepted', W1 + 5000, { ...s, draftId: 'd1' }),
      ev('workbench.draft_accepted', W1 + 6000, { ...s, draftId: 'd2' }),
      ev('workbench.draft_accepted', OLD, { ...s, draftId: 'd7' }),
      ev('workbench.template_inserted', W2 + 1000, { ...s, draftId: 'd7', templateId: 't3' }),
    ],
    expected: [{ bucket: '2026-02-23', value: 0.5 }],
  },
];

seedMetricSuite('seed 002 (workbench) Phase 5 KPIs mean what the seed says', 'workbench', CASES);
