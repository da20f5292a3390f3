/** Vietnam's offset from UTC (no daylight saving time). */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day in Vietnam of an instant, YYYY-MM-DD. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Vietnamese calendar day given as YYYY-MM-DD. */
export function vietnamDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}
