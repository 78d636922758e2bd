// Lifecycle fields are documentation: the generated validators behave exactly as without them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '@taxonomy/core';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { loadLifecycle } from './load.js';
import { stripLifecycle } from './strip.js';

const model = loadLifecycle();
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function load(files: readonly GeneratedFile[]): Promise<{ validateEvent(name: unknown, payload: unknown): { ok: boolean } }> {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-validators-'));
  dirs.push(dir);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
  return import(pathToFileURL(join(dir, 'index.js')).href);
}

describe('validators ignore per-property lifecycle', async () => {
  const withIt = await validatorsGenerator.generate(model, {});
  const without = await validatorsGenerator.generate(stripLifecycle(model), {});

  it('the model without lifecycle really differs (the comparison below is not of two equal inputs)', () => {
    expect(JSON.stringify(stripLifecycle(model))).not.toBe(JSON.stringify(model));
  });

  it('generates the same validator code with and without stability, deprecated and enum member words', () => {
    const code = (fs: readonly GeneratedFile[]) => fs.filter((f) => /\.(c?js|d\.ts)$/.test(f.path)).map((f) => [f.path, f.contents]);
    expect(code(withIt).length).toBeGreaterThan(0);
    expect(code(withIt)).toEqual(code(without));
  });

  it.each([
    ['deprecated property and values', { orderId: 'o1', tier: 'legacy', customerRef: 'c1', coupon: 'X', paymentMethod: 'invoice', referrer: 'r' }, true],
    ['experimental value', { orderId: 'o1', tier: 'team', paymentMethod: 'wallet' }, true],
    ['a value outside the enum', { orderId: 'o1', tier: 'gold' }, false],
    ['a deprecated property of the wrong type', { orderId: 'o1', tier: 'pro', amount: 'ten' }, false],
    ['a required property missing', { tier: 'pro' }, false],
  ])('%s: the same verdict with and without lifecycle', async (_name, properties, ok) => {
    const a = await load(withIt), b = await load(without);
    const payload = { event: 'checkout_completed', properties };
    expect(a.validateEvent('checkout_completed', payload).ok).toBe(ok);
    expect(b.validateEvent('checkout_completed', payload).ok).toBe(ok);
  });
});
