import { z } from './zod-vi.js';

export const ASPECT_IDS = [
  'tong_quan',
  'ho_so',
  'trinh_tu',
  'thoi_gian',
  'le_phi',
  'noi_nop',
  'truc_tuyen',
  'can_cu',
  'mau_don',
] as const;
export type Aspect = (typeof ASPECT_IDS)[number];

export const abbreviationsFileSchema = z.strictObject({
  abbreviations: z.record(
    z.string().trim().min(1).regex(/^\S+$/, 'chữ viết tắt phải là một từ, không có dấu cách'),
    z.string().trim().min(1, 'không được để trống'),
  ),
});

export const aspectsFileSchema = z.strictObject({
  aspects: z.record(
    z.enum(ASPECT_IDS.filter((a) => a !== 'tong_quan') as [Aspect, ...Aspect[]]),
    z.strictObject({
      title: z.string().trim().min(1),
      weight: z.number().positive().max(10).default(1),
      phrases: z.array(z.string().trim().min(1)).min(1),
    }),
  ),
  /** Words that carry no topic ("thế", "còn", "ạ"…): a message of cue phrases and these is a follow-up. */
  followUpWords: z.array(z.string().trim().min(1)).default([]),
});

export const nluConfigSchema = z.strictObject({
  threshold: z.number().min(0).max(1),
  margin: z.number().min(0).max(1),
  suggestFloor: z.number().min(0).max(1),
  temperature: z.number().positive().max(10),
  /** Calibration of the learned aspect's probabilities (fitted by `tune` on held-out unit examples). */
  aspectTemperature: z.number().positive().max(10).optional(),
});
export type NluConfig = z.infer<typeof nluConfigSchema>;

export const requiredIntentsSchema = z.strictObject({ required: z.array(z.string().min(1)) });
