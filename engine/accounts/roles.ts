// The roles an account may hold (several at once): what each lets its holder do is the
// route table's business (engine/server/route-roles.ts); here only their names.
//   counter 窗口: decide, record, print, reprint — personal data masked, always
//   policy 政策: edit rules and parameters, see what a change would do
//   legal 法制审核: review and publish changes, unmask a record with a reason, read the access log
//   admin 管理员: accounts and offices

export const ROLES = ['counter', 'policy', 'legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: ReadonlyMap<Role, string> = new Map([
  ['counter', '窗口'], ['policy', '政策'], ['legal', '法制审核'], ['admin', '管理员'],
]);

const BY_NAME = new Map<string, Role>([...ROLE_NAMES].flatMap(([role, name]) => [[role, role], [name, role]]));

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/**
 * Roles as a person writes them: codes or Chinese names, separated by commas (，、 too).
 * The roles, or the name that is not one.
 */
export function parseRoles(text: string): { roles: Role[] } | { unknown: string } {
  const roles: Role[] = [];
  for (const part of text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean)) {
    const role = BY_NAME.get(part);
    if (!role) return { unknown: part };
    if (!roles.includes(role)) roles.push(role);
  }
  return { roles };
}

/** Roles in the order of ROLES, without repeats or unknown names (from a request or a row). */
export function cleanRoles(value: unknown): Role[] | undefined {
  if (!Array.isArray(value) || !value.every(isRole)) return undefined;
  return ROLES.filter((r) => value.includes(r));
}

export const roleNames = (roles: readonly Role[]): string => roles.map((r) => ROLE_NAMES.get(r)).join('、');
