import { SeededRandom } from './seeded-random.js';

/**
 * Deterministic hostile input for the entry points: bodies that are not JSON, not UTF-8, huge or
 * deeply nested, of the wrong types or missing fields, and texts full of control, zero-width and
 * right-to-left characters or emoji. Built from a seed, so a failure can be replayed.
 */
const NASTY_TEXTS = [
  '\u0000\u0001\u0002\u001b[31m\u007f',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202e\u2066gnp.exe\u202c\u2069',
  'مرحبا بالعالم \u200f שלום',
  '😀'.repeat(2000),
  '👨‍👩‍👧‍👦🏳️‍🌈🇻🇳'.repeat(300),
  'a'.repeat(70_000),
  '\ud800\udfff\udc00\ud800',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  "'; DROP TABLE inbox; --",
  '{{7*7}}${7*7}<%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: a=b',
  'T\u0303\u0301\u0300\u0309\u0323'.repeat(500),
  'đăng ký khai sinh',
  '',
  ' \n\t ',
];

const NASTY_VALUES: readonly unknown[] = [null, true, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}, [[[]]], '', 'null', '0', { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } }];

export class HostileBodies {
  private readonly r: SeededRandom;

  constructor(seed: number) {
    this.r = new SeededRandom(seed);
  }

  text(): string {
    const r = this.r;
    const parts = Array.from({ length: r.int(1, 3) }, () => r.pick(NASTY_TEXTS));
    return parts.join(r.pick(['', ' ', '\n']));
  }

  /** Any JSON-able value, some of them nested deep. */
  value(depth = 0): unknown {
    const r = this.r;
    const kind = r.int(0, depth > 3 ? 2 : 5);
    if (kind === 0) return r.pick(NASTY_VALUES);
    if (kind === 1) return this.text();
    if (kind === 2) return r.int(-1e9, 1e9);
    if (kind === 3) return Array.from({ length: r.int(0, 4) }, () => this.value(depth + 1));
    return Object.fromEntries(Array.from({ length: r.int(0, 4) }, () => [r.pick(['text', 'id', 'type', 'message', '__proto__', 'sender', 'x']), this.value(depth + 1)]));
  }

  /** `shape` with some fields deleted, replaced by values of another type, or added. */
  mutate(shape: unknown): unknown {
    const r = this.r;
    if (shape === null || typeof shape !== 'object') return r.next() < 0.3 ? this.value(2) : shape;
    if (Array.isArray(shape)) return shape.map((v) => this.mutate(v));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(shape)) {
      const roll = r.next();
      if (roll < 0.12) continue; // missing
      out[k] = roll < 0.3 ? this.value(1) : roll < 0.4 && typeof v === 'string' ? this.text() : this.mutate(v);
    }
    if (r.next() < 0.1) out[r.pick(['__proto__', 'constructor', 'extra', ''])] = this.value(1);
    return out;
  }

  /** Raw bytes that are not a well-formed JSON document: truncated, not UTF-8, nested too deep, huge. */
  brokenBytes(): Uint8Array {
    const r = this.r;
    const enc = (s: string) => new TextEncoder().encode(s);
    switch (r.int(0, 7)) {
      case 0: {
        const json = JSON.stringify(this.value());
        return enc(json.slice(0, r.int(0, Math.max(0, json.length - 1))) + r.pick(['', ',', '}', ']]]', '"']));
      }
      case 1:
        return new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x22, 0x7d]);
      case 2:
        return enc('['.repeat(r.int(1000, 100_000)) + ']'.repeat(r.int(0, 1000)));
      case 3:
        return enc(`{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`);
      case 4:
        return enc(`{"text":"${'x'.repeat(r.int(70_000, 1_200_000))}"}`);
      case 5:
        return enc(r.pick(['', ' ', 'null', 'undefined', 'NaN', '1e99999', '"\\ud800"', '{"a":1,"a":2}', '\u0000']));
      case 6: {
        const bytes = new Uint8Array(r.int(1, 512));
        for (let i = 0; i < bytes.length; i++) bytes[i] = r.int(0, 255);
        return bytes;
      }
      default:
        return enc(`{"update_id":${r.pick(['1', '"1"', '-1', '1.5', '99999999999999999999', 'null'])},"message":${r.pick(['[]', '"x"', '{}', 'null'])}}`);
    }
  }

  pick<T>(items: readonly T[]): T {
    return this.r.pick(items);
  }

  chance(p: number): boolean {
    return this.r.next() < p;
  }
}
