import { z } from './zod-vi.js';

const text = z.string().trim().min(1, 'không được để trống');
/** Questions citizens ask that this unit answers, written by the team: the second stage learns from them. */
export const unitExamples = z.array(text).optional();
const sourceIds = z.array(z.string().regex(/^[a-z0-9_]+$/, 'mã nguồn chỉ gồm chữ thường, số và "_"')).min(1, 'cần ít nhất một nguồn');

/**
 * A fact's check ("câu hỏi kiểm tra"), kept next to the fact so it is edited with it: a question a
 * citizen would ask, asked through the whole engine before every publication. The reply must be
 * about this procedure and aspect, and state the figures of the fact's text (amounts, days: read
 * from the text itself, so a changed fee is checked as changed) and the phrases of `mustSay`.
 */
export const factCheckSchema = z.strictObject({
  question: text,
  /** Phrases of the fact's text the reply must also state, e.g. "miễn lệ phí", "Ủy ban nhân dân xã". */
  mustSay: z.array(text).optional(),
});
export type FactCheck = z.infer<typeof factCheckSchema>;

/** The check of a fact not verified: the reply must say so and where to check, and state no amount. */
export const unknownFactCheckSchema = z.strictObject({ question: text });

/**
 * One aspect of a procedure: either a sourced statement, or `unknown` — then the bot does not
 * state anything and tells the citizen where to check instead.
 */
export const aspectFactSchema = z.union([
  z.strictObject({
    text,
    /** Bulleted items (papers, steps, forms, documents) shown after `text`. */
    items: z.array(text).optional(),
    sources: sourceIds,
    examples: unitExamples,
    check: factCheckSchema.optional(),
  }),
  z.strictObject({
    unknown: z.literal(true),
    /** Optional hint of what to ask at the desk, e.g. "mức thu phí bản sao". */
    note: text.optional(),
    examples: unitExamples,
    check: unknownFactCheckSchema.optional(),
  }),
]);
export type AspectFact = z.infer<typeof aspectFactSchema>;

const ASPECT_KEYS = ['noi_nop', 'ho_so', 'trinh_tu', 'thoi_gian', 'le_phi', 'truc_tuyen', 'can_cu', 'mau_don'] as const;
export type ProcedureAspect = (typeof ASPECT_KEYS)[number];
export const PROCEDURE_ASPECTS: readonly ProcedureAspect[] = ASPECT_KEYS;
/** The facts every procedure must carry a check for: where to submit, how long, how much. */
export const CHECKED_ASPECTS: readonly ProcedureAspect[] = ['noi_nop', 'thoi_gian', 'le_phi'];

const aspectsSchema = z.strictObject(
  Object.fromEntries(ASPECT_KEYS.map((k) => [k, aspectFactSchema])) as Record<ProcedureAspect, typeof aspectFactSchema>,
);
const partialAspectsSchema = z.strictObject(
  Object.fromEntries(ASPECT_KEYS.map((k) => [k, aspectFactSchema.optional()])) as Record<
    ProcedureAspect,
    z.ZodOptional<typeof aspectFactSchema>
  >,
);

export const procedureFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z_]+$/, 'mã thủ tục chỉ gồm chữ thường không dấu và "_"'),
  /** The intent that answers with this procedure. */
  intent: z.string().regex(/^thu_tuc\.[a-z_]+$/, 'ý định của thủ tục phải có dạng thu_tuc.…'),
  title: text,
  /** Code(s) of the procedure on the national portal, e.g. "1.001193". */
  codes: z.array(z.string().regex(/^\d\.\d{6}$/, 'mã thủ tục dạng 1.001193')).optional(),
  /** Short overview: what it is, who handles it now. */
  summary: z.strictObject({ text, sources: sourceIds, examples: unitExamples }),
  aspects: aspectsSchema,
  /** Situations that differ (on time vs late; first issue vs re-issue…): what differs from the general aspects. */
  cases: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z_]+$/),
        title: text,
        /** Questions that name this situation without one aspect ("bản sao từ sổ gốc"). */
        examples: unitExamples,
        aspects: partialAspectsSchema,
      }),
    )
    .optional(),
  /** Date the facts were last checked against their sources (YYYY-MM-DD). */
  verified: z.iso.date('ngày dạng YYYY-MM-DD'),
});
export type Procedure = z.infer<typeof procedureFileSchema>;
