import { ASPECT_IDS, type Aspect } from '../content/nlu-data-schema.js';
import type { AnswerView } from './answer-source.js';

/**
 * Choice payloads are short ASCII strings (Telegram allows 64 bytes of callback data):
 * "i:<intent>[:<aspect>]" answers an intent; "v:<intent>:<aspect>:<d|c|f>[<n>]" shows a view of
 * that answer (topic detail n, procedure case n, full text);
 * "none" rejects the offered choices, "officer" asks for a human, "r:<seq>:1|0" rates an answer;
 * channels send "follow" when a citizen follows the account and "unsupported" for images, stickers…
 */
export type Payload =
  | { readonly kind: 'intent'; readonly intent: string; readonly aspect?: Aspect }
  | { readonly kind: 'view'; readonly intent: string; readonly aspect: Aspect; readonly view: AnswerView }
  | { readonly kind: 'rate'; readonly answerSeq: number; readonly helpful: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'officer' }
  | { readonly kind: 'follow' }
  | { readonly kind: 'unsupported' };

export function encodePayload(p: Payload): string {
  if (p.kind === 'intent') return p.aspect ? `i:${p.intent}:${p.aspect}` : `i:${p.intent}`;
  if (p.kind === 'view') {
    const v = p.view.kind === 'full' ? 'f' : `${p.view.kind === 'detail' ? 'd' : 'c'}${p.view.index}`;
    return `v:${p.intent}:${p.aspect}:${v}`;
  }
  if (p.kind === 'rate') return `r:${p.answerSeq}:${p.helpful ? 1 : 0}`;
  return p.kind;
}

export function decodePayload(raw: string): Payload | undefined {
  if (raw === 'none' || raw === 'officer' || raw === 'follow' || raw === 'unsupported') return { kind: raw };
  const r = /^r:(\d{1,12}):([01])$/.exec(raw);
  if (r) return { kind: 'rate', answerSeq: Number(r[1]), helpful: r[2] === '1' };
  const v = /^v:([a-z_.]{1,48}):([a-z_]{1,16}):(f|[dc]\d{1,2})$/.exec(raw);
  if (v) {
    const aspect = v[2] as Aspect;
    if (!ASPECT_IDS.includes(aspect)) return undefined;
    const code = v[3]!;
    const view: AnswerView =
      code === 'f' ? { kind: 'full' } : { kind: code[0] === 'd' ? 'detail' : 'case', index: Number(code.slice(1)) };
    return { kind: 'view', intent: v[1]!, aspect, view };
  }
  const m = /^i:([a-z_.]{1,48})(?::([a-z_]{1,16}))?$/.exec(raw);
  if (!m) return undefined;
  const aspect = m[2] as Aspect | undefined;
  if (aspect !== undefined && !ASPECT_IDS.includes(aspect)) return undefined;
  return aspect ? { kind: 'intent', intent: m[1]!, aspect } : { kind: 'intent', intent: m[1]! };
}
