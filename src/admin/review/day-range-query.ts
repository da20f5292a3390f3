import { z } from 'zod';
import { REVIEW_MESSAGES } from './review-messages.js';
import type { TimeRange } from './turn-log.js';
import { vietnamDayStart } from './vietnam-day.js';

const DAY_MS = 86_400_000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, REVIEW_MESSAGES.badDay)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), REVIEW_MESSAGES.badDay);

/** `from` and `to` query parameters: Vietnamese calendar days, both included; either may be left out. */
export const dayRangeQuery = z
  .object({ from: day.optional(), to: day.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, REVIEW_MESSAGES.badRange);

/** The instants the days cover: from the first moment of `from` to the end of `to`. */
export function toTimeRange(query: { from?: string | undefined; to?: string | undefined }): TimeRange {
  return {
    ...(query.from ? { from: vietnamDayStart(query.from) } : {}),
    ...(query.to ? { to: new Date(vietnamDayStart(query.to).getTime() + DAY_MS) } : {}),
  };
}
