/** Staff roles, each allowed everything the one before it is allowed. */
export const ROLES = ['editor', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What staff can do in the workspace. */
export const ACTIONS = [
  'draft.edit',
  'inbox.review',
  'handover.reply',
  'content.publish',
  'content.rollback',
  'users.manage',
  'audit.read',
  /** Export or delete a citizen's stored data (Nghị định 13/2023/NĐ-CP). */
  'citizen.data',
] as const;
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  editor: ['draft.edit', 'inbox.review', 'handover.reply'],
  publisher: ['draft.edit', 'inbox.review', 'handover.reply', 'content.publish', 'content.rollback'],
  admin: ACTIONS,
};

/** Vietnamese names of the roles, as staff see them. */
export const ROLE_LABELS: Record<Role, string> = {
  editor: 'Biên tập viên',
  publisher: 'Người xuất bản',
  admin: 'Quản trị viên',
};

export function can(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}

/** Every action the role may take, for the workspace to show or hide its controls. */
export function permissionsOf(role: Role): Action[] {
  return ACTIONS.filter((action) => can(role, action));
}
