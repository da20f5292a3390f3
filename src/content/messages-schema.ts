import type { MessageKey } from '../engine/engine.js';
import { z } from './zod-vi.js';

const KEYS: readonly MessageKey[] = [
  'empty',
  'too_long',
  'clarify',
  'clarify_none',
  'fallback',
  'fallback_suggest',
  'fallback_repeated',
  'offer_officer',
  'ask_again',
  'handover',
  'reset',
  'choice_out_of_range',
  'error',
  'non_text',
  'rated',
  'unknown_fact',
  'source_footer',
  'source_footer_short',
  'procedure_cases',
  'case_differences',
  'more_details',
  'too_fast',
];

const text = z.string().trim().min(1, 'không được để trống');

export const messagesFileSchema = z.strictObject({
  messages: z.strictObject(Object.fromEntries(KEYS.map((k) => [k, text])) as Record<MessageKey, typeof text>),
});
