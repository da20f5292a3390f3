/** What a message text reads after retention removed it. */
export const PURGED_TEXT = '[đã xóa]';
