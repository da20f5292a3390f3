import { z } from './zod-vi.js';

const phone = z.string().regex(/^(1800|1900)?\d{6,11}$/, 'số điện thoại chỉ gồm chữ số, ví dụ "18001096"');

export const localitySchema = z.strictObject({
  name: z.string().trim().min(1),
  province: z.string().trim().min(1),
  /** Where a citizen gets help in person or by phone; used in fallbacks and handovers. */
  help: z.string().trim().min(1),
  portal: z.strictObject({
    name: z.string().trim().min(1),
    url: z.url({ message: 'địa chỉ web không hợp lệ' }),
    hotline: phone,
  }),
});
export type Locality = z.infer<typeof localitySchema>;
