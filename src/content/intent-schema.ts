import { z } from './zod-vi.js';

const nonEmpty = z.string().trim().min(1, 'không được để trống');

export const intentIdSchema = z
  .string()
  .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'mã ý định chỉ gồm chữ thường không dấu, "_" và một dấu "."');

/** What an intent answers with: a procedure or a topic from data/, or a short text. */
export const answerRefSchema = z.union([
  z.strictObject({ procedure: nonEmpty }),
  z.strictObject({ topic: nonEmpty }),
  z.strictObject({ text: nonEmpty }),
]);

export const intentFileSchema = z.strictObject({
  id: intentIdSchema,
  title: nonEmpty,
  description: nonEmpty,
  answer: answerRefSchema,
  examples: z.array(nonEmpty).min(1, 'cần ít nhất một câu mẫu'),
});

export type IntentDefinition = z.infer<typeof intentFileSchema>;
export type AnswerRef = z.infer<typeof answerRefSchema>;
