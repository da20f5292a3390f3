import { z } from './zod-vi.js';

/** Where facts come from; procedures and topics cite these ids. */
export const sourcesFileSchema = z.strictObject({
  sources: z.record(
    z.string().regex(/^[a-z0-9_]+$/, 'mã nguồn chỉ gồm chữ thường, số và "_"'),
    z.strictObject({
      title: z.string().trim().min(1),
      url: z.url({ message: 'địa chỉ web không hợp lệ' }).optional(),
      /** Date the source was read (YYYY-MM-DD). */
      checked: z.iso.date('ngày dạng YYYY-MM-DD'),
    }),
  ),
});
export type Sources = z.infer<typeof sourcesFileSchema>['sources'];
