import { unitExamples } from './procedure-schema.js';
import { z } from './zod-vi.js';

const text = z.string().trim().min(1, 'không được để trống');

/** The answer of a non-procedure intent (online services, reform, citizens' rights, conversation). */
export const topicFileSchema = z.strictObject({
  intent: z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'mã ý định dạng nhom.ten'),
  /** The first message: short enough for a phone screen. May use {placeholders} from data/locality.yaml. */
  text,
  /** Further details, each behind a choice button. */
  details: z.array(z.strictObject({ title: text.max(40, 'tiêu đề nút tối đa 40 ký tự'), text, examples: unitExamples })).optional(),
  /** Ids from data/sources.yaml; empty only for conversational topics that state no fact. */
  sources: z.array(z.string().regex(/^[a-z0-9_]+$/)).default([]),
  /** Related intents offered as choices after the answer. */
  related: z.array(z.string()).optional(),
  verified: z.iso.date('ngày dạng YYYY-MM-DD').optional(),
});
export type Topic = z.infer<typeof topicFileSchema>;
