import { z } from './zod-vi.js';

const phrase = z.string().trim().min(1, 'không được để trống');
const phrases = z.array(phrase).min(1, 'cần ít nhất một câu');

export const DIALOG_ACTS = ['continue', 'switch', 'new', 'out_of_scope'] as const;
export type DialogAct = (typeof DIALOG_ACTS)[number];

const dialogTurn = z.strictObject({
  text: phrase,
  act: z.enum(DIALOG_ACTS),
  /** The intent the conversation is on after this turn. */
  intent: z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'mã ý định chỉ gồm chữ thường không dấu, "_" và một dấu "."'),
});

/**
 * data/follow-ups.yaml: the team's follow-up phrasings (no topic word of their own), templates for
 * switching procedure, short names of procedures, mid-conversation out-of-scope lines and written
 * dialogs — the data the dialog model is trained from, together with every intent's examples.
 */
export const followUpsFileSchema = z.strictObject({
  continue: z.strictObject({ aspect: phrases, confirm: phrases, case: phrases }),
  switch: z.array(phrase.regex(/\{ten\}/, 'mẫu phải có {ten}')).min(1),
  switch_with_aspect: z.array(phrase.regex(/\{ten\}.*\{hoi\}/, 'mẫu phải có {ten} rồi {hoi}')).min(1),
  names: z.record(z.string().regex(/^thu_tuc\.[a-z_]+$/, 'mã thủ tục dạng thu_tuc.ten'), phrases),
  out_of_scope: phrases,
  dialogs: z.array(z.array(dialogTurn).min(2, 'hội thoại cần ít nhất hai lượt')).default([]),
});
export type FollowUps = z.infer<typeof followUpsFileSchema>;
