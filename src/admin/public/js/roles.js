// Staff roles as the workspace shows them; the same names as ROLE_LABELS in src/admin/roles.ts.
export const ROLE_LABELS = { editor: 'Biên tập viên', publisher: 'Người xuất bản', admin: 'Quản trị viên' };
