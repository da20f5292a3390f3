import { decodePayload } from '../../engine/payload.js';

/**
 * A tapped `oa.query.hide` button comes back as an ordinary `user_send_text` whose text is the
 * button's payload. The "#" marker (used the same way by other OA integrations) plus a payload the
 * engine can decode tells a tap from typed text: a citizen would not type "#i:khai_sinh".
 */
const MARKER = '#';

export function toButtonPayload(payload: string): string {
  return MARKER + payload;
}

/** The engine payload a button tap carried, or undefined for typed text. */
export function payloadOfButtonTap(text: string): string | undefined {
  if (!text.startsWith(MARKER)) return undefined;
  const payload = text.slice(MARKER.length);
  return decodePayload(payload) ? payload : undefined;
}
