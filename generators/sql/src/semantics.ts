/**
 * What a metric means, in one place. The SQL views (metric-sql.ts), the TypeScript
 * functions (@taxonomy/gen-metrics' runtime) and the dbt models implement exactly this,
 * and the cross-engine test holds them to it. Printed into every generated README.
 */
export const SEMANTICS = `## What a metric computes

Every output (the SQL metric views of every dialect, the dbt models and the TypeScript
\`computeX\` functions) computes exactly this; a test loads one generated data set into
SQLite, PostgreSQL and DuckDB and compares every metric with the TypeScript functions.

**Events.** An event is its name, its instant \`occurred_at\` (milliseconds, UTC), its
\`event_id\` and its JSON \`properties\`. A property read by a metric is *missing* when the
key is absent or its value is JSON \`null\`. Events are assumed valid against their schema
(the collector validates them).

**As of.** Every metric is computed as of an instant \`as_of\`. In SQL it is the latest
row of the as-of table (\`metric_as_of\`), or the current time when that table is empty; in
TypeScript it is \`options.asOf\`, or \`Date.now()\`. Only events with
\`occurred_at < as_of\` exist for a metric, so a result never changes for a fixed as-of.

**Window.** For count, distinct count, sum, average, ratio and duration, \`window: 7d\` is a
look-back: only events with \`as_of − 7d ≤ occurred_at < as_of\` count. Without a window,
every event before \`as_of\` counts. For a funnel the window is the conversion window (below).

**Filters.** \`where\` conditions of one selector are ANDed. \`eq\`, \`neq\`, \`in\`,
\`not_in\`, \`gt\`, \`gte\`, \`lt\`, \`lte\` are false when the property is missing (so
\`neq: x\` does not match an event without the property); \`exists\` is true when it is
present, \`not_exists\` when it is missing. Strings compare by code point (byte order).
An \`in\` with an empty list matches nothing. When several selectors of one measure name the
same event, an event matching any of them counts once.

**Aggregates.** \`count\`: the number of matching events (with a property: of those where it
is present). \`distinct_count\`: the number of distinct present values. \`sum\`: the sum of
present values, \`0\` when there are none. \`average\`: their mean, \`null\` when there are none.

**Items (\`over\`).** With \`over: items\`, each matching event gives one row per element of
its array property \`items\` (none when it is missing, empty or not an array); filters still
test the event. \`value:\` names the field of the item measured, or two fields multiplied
(\`[quantity, unitPrice]\`: missing when either is); without \`value\`, \`count\` counts the
elements. \`group_by\` names an item field as \`items.category\` (column \`items__category\`)
beside the event's own properties (\`currency\`), so a per-currency sum stays per currency.

**Segment.** \`segment: { name: handled_by, event: handoff_converted, join_on: sessionId,
present: human, absent: bot }\` adds the group column \`handled_by\` (named in \`group_by\`): a
measured event is \`human\` when an \`handoff_converted\` event with the same \`sessionId\` exists
before \`as_of\` (whatever the window), else \`bot\` (a missing key too).

**Ratio.** numerator ÷ denominator, each an aggregate over its own events, per bucket and
group. The value is \`null\` (never NaN, never a division error) when the denominator is
\`0\` or \`null\`, or the numerator is \`null\`.

**Within (ratio).** \`numerator: { …, within: denominator }\` with \`join_on: draftId\` on the
metric: a numerator event counts only when its \`draftId\` is the \`draftId\` of at least one
denominator event (matching the denominator's selectors, before \`as_of\` and in the window;
any bucket or group). So "templates inserted / drafts accepted" counts only the accepted drafts
that had a template, never a rejected one. A numerator event without the key, or whose key no
denominator event has, counts nowhere (it makes no row by itself).

**Duration.** Per value of \`join_on\` (events where it is missing are ignored): the first
\`from\` event (earliest \`occurred_at\`, ties broken by \`event_id\` in byte order) and the
first \`to\` event with \`occurred_at\` at or after it give one sample, \`to − from\` in
milliseconds. Keys without such a \`to\` give no sample. Both events must be in the window.
The statistic over the samples is \`average\`, \`min\`, \`max\`, \`median\` or \`p90\`;
quantiles interpolate linearly between the sorted samples at position \`(n − 1)·q\`
(PostgreSQL's \`percentile_cont\`), with \`q\` an exact fraction (1/2, 9/10). \`null\` when
there are no samples. Bucket and groups come from the \`from\` event.

**Funnel.** Per value of \`join_on\` (events where it is missing are ignored), in the order
of \`(occurred_at, event_id)\`: step 1 is the first event matching step 1; step *k* is the
first event matching step *k* strictly after step *k − 1* in that order and, with a
window, at most the window after step 1 (inclusive). The same event can match only one
step, so three \`issue_executed\` steps need three events. The value of step *k* is the
number of keys that reached it. Bucket and groups come from the step-1 event.

**Grain and groups.** \`grain\` buckets by the UTC calendar day, ISO week (starting
Monday) or month of the event's instant; the \`bucket\` column holds the first day
(\`YYYY-MM-DD\`; a DATE in SQL, text in SQLite). \`group_by\` adds one column per property
(a missing property is its own \`null\` group). The reserved entry \`$event\` groups by
the event's name, in the column \`event\` (count, distinct count, sum, average and ratio). Booleans are \`true\`/\`false\`
(\`1\`/\`0\` in SQLite).

**Rows.** Without grain and group_by a metric has exactly one row (a funnel one row per
step), even with no events: counts are \`0\`, averages and ratios \`null\`. With grain or
group_by there is one row per bucket and group that has at least one event on any side
(a funnel: one row per step for each bucket and group that has a step-1 event). The
columns are \`bucket\` (with grain), the group_by columns (dots become \`__\`), then
\`step\` and \`event\` (funnels), then \`value\`. The TypeScript functions return the same
rows with the same keys, sorted by bucket, groups and step.
`;
