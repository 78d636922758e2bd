// Seed 003's server-side PostHog batch sink in the generated Python runtime (posthog_check.py
// runs it against a loopback stand-in that checks the /batch/ body PostHog documents).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../../..');

describe('python: seed 003 PostHog batch sink and disabled switches', () => {
  it('sends api_key + batch of {event, distinct_id, properties, timestamp}, retries a 503, drops an event without distinct_id as invalid; no key or ANALYTICS_DISABLED sends nothing', () => {
    const r = spawnSync('python3', [join(import.meta.dirname, 'posthog_check.py')], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: join(repo, 'packages/tracker-python') } });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    const U = '5b1f0a52-3c1e-4a4e-9a51-0a4e1c2f9b10';
    expect(out.refused).toEqual([]);
    expect(out.stats).toEqual({ delivered: 2, dropped: { invalid: 1 } });
    expect(out.api_keys).toEqual(['phc_test']);
    expect(out.events).toEqual([
      ['signup', U, 'production', '', { email: 'a@acme.com' }],
      ['issue_executed', 'agent:a1', 'production', null, null],
    ]);
    // [tracker active, requests that reached the server]: four disabled environments, then one enabled.
    expect(out.switches).toEqual([[false, 0], [false, 0], [false, 0], [false, 0], [true, 1]]);
  });
});
