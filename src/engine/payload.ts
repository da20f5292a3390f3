import { ASPECT_IDS, type Aspect } from '../content/nlu-data-schema.js';

/**
 * Choice payloads are short ASCII strings (Telegram allows 64 bytes of callback data):
 * "i:<intent>[:<aspect>]" answers an intent, "d:<intent>:<n>" shows its n-th detail,
 * "none" rejects the offered choices, "officer" asks for a human.
 */
export type Payload =
  | { readonly kind: 'intent'; readonly intent: string; readonly aspect?: Aspect }
  | { readonly kind: 'detail'; readonly intent: string; readonly index: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'officer' };

export function encodePayload(p: Payload): string {
  if (p.kind === 'intent') return p.aspect ? `i:${p.intent}:${p.aspect}` : `i:${p.intent}`;
  if (p.kind === 'detail') return `d:${p.intent}:${p.index}`;
  return p.kind;
}

export function decodePayload(raw: string): Payload | undefined {
  if (raw === 'none' || raw === 'officer') return { kind: raw };
  const d = /^d:([a-z_.]{1,48}):(\d{1,2})$/.exec(raw);
  if (d) return { kind: 'detail', intent: d[1]!, index: Number(d[2]) };
  const m = /^i:([a-z_.]{1,48})(?::([a-z_]{1,16}))?$/.exec(raw);
  if (!m) return undefined;
  const aspect = m[2] as Aspect | undefined;
  if (aspect !== undefined && !ASPECT_IDS.includes(aspect)) return undefined;
  return aspect ? { kind: 'intent', intent: m[1]!, aspect } : { kind: 'intent', intent: m[1]! };
}
