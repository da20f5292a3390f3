import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { computeWebhookMac, verifyWebhookSignature } from '../../src/zalo-api-client/index.js';

// Spy on the real constant-time comparison to check the verifier goes through it.
const timingSafeEqual = vi.hoisted(() => ({ calls: [] as [number, number][] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      timingSafeEqual.calls.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const input = {
  appId: '1111111111111111111',
  rawBody: '{"event_name":"user_send_text","message":{"text":"khai sinh"},"timestamp":"1735689600123"}',
  timestamp: '1735689600123',
  oaSecretKey: 'oa-secret',
};
const expected = createHash('sha256').update(input.appId + input.rawBody + input.timestamp + input.oaSecretKey).digest('hex');

describe('Zalo webhook signature', () => {
  it('is plain SHA-256 of app id + raw body + timestamp + OA secret key, from a string or the raw bytes', () => {
    expect(computeWebhookMac(input)).toBe(expected);
    expect(computeWebhookMac({ ...input, rawBody: new TextEncoder().encode(input.rawBody) })).toBe(expected);
  });

  it('accepts "mac=<hex>", bare hex and upper case', () => {
    expect(verifyWebhookSignature(`mac=${expected}`, input)).toBe(true);
    expect(verifyWebhookSignature(expected.toUpperCase(), input)).toBe(true);
  });

  it('compares equal-length digests in constant time, and rejects a MAC off by one hex digit anywhere', () => {
    timingSafeEqual.calls.length = 0;
    const flip = (hex: string, i: number) => hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
    expect(verifyWebhookSignature(`mac=${flip(expected, 0)}`, input)).toBe(false);
    expect(verifyWebhookSignature(`mac=${flip(expected, 63)}`, input)).toBe(false);
    expect(timingSafeEqual.calls).toEqual([
      [32, 32],
      [32, 32],
    ]);
  });

  it('rejects absent, truncated, non-hex and wrong-secret signatures', () => {
    expect(verifyWebhookSignature(undefined, input)).toBe(false);
    expect(verifyWebhookSignature('', input)).toBe(false);
    expect(verifyWebhookSignature(`mac=${expected.slice(2)}`, input)).toBe(false);
    expect(verifyWebhookSignature(`mac=${'z'.repeat(64)}`, input)).toBe(false);
    expect(verifyWebhookSignature(`mac=${expected}`, { ...input, oaSecretKey: 'app-secret' })).toBe(false);
    expect(verifyWebhookSignature(`mac=${expected}`, { ...input, rawBody: input.rawBody + ' ' })).toBe(false);
  });
});
