import { OUT_OF_SCOPE } from './decision.js';

/**
 * Referral intents (`ngoai_pham_vi.<topic>`) answer matters next to our scope — social insurance,
 * tax, vehicles… — with who handles them. They are answered like any topic, but for measurement
 * they are out of scope: the citizen gets no procedure of ours.
 */
export const REFERRAL_PREFIX = `${OUT_OF_SCOPE}.`;

export function isReferral(intent: string): boolean {
  return intent.startsWith(REFERRAL_PREFIX);
}

/** The label an answer counts as in evaluation: any referral is `ngoai_pham_vi`. */
export function scoredIntent(intent: string): string {
  return isReferral(intent) ? OUT_OF_SCOPE : intent;
}
