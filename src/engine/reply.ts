/** A choice the citizen can tap; `payload` comes back in `IncomingMessage.payload`. */
export interface Choice {
  readonly title: string;
  readonly payload: string;
}

/** Payloads that rate an answer; channels show them as 👍 / 👎 beside it. */
export interface RatingPrompt {
  readonly helpful: string;
  readonly notHelpful: string;
}

/** What the engine answers; each channel renders these as well as its platform allows. */
export type Reply =
  | { readonly kind: 'text'; readonly text: string; readonly rating?: RatingPrompt; /** An officer's reply: who wrote it (name or role). */ readonly officer?: string }
  | { readonly kind: 'choices'; readonly text: string; readonly choices: readonly Choice[]; readonly rating?: RatingPrompt }
  | { readonly kind: 'handover'; readonly text: string; readonly reason: 'requested' | 'unresolved' };

export const textReply = (text: string): Reply => ({ kind: 'text', text });
export const choicesReply = (text: string, choices: readonly Choice[]): Reply =>
  choices.length > 0 ? { kind: 'choices', text, choices } : { kind: 'text', text };
