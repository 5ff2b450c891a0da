/**
 * Roles and what each may do. Checked in the services (main process), never only in the UI.
 */
export const ROLES = ['admin', 'supervisor', 'handler', 'clerk', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case:read',
  'case:register',
  'case:edit',
  'case:handle', // investigate, propose resolution, inform, follow up
  'case:assign',
  'case:approve', // accept/reject, extend, close, archive
  'case:merge',
  'case:export',
  'pii:view', // see unmasked ID numbers and phone numbers
  'analytics:view',
  'import:run',
  'user:manage',
  'taxonomy:manage',
  'archive:manage', // backup, rekey, settings
  'archive:restore', // replace the live archive with a backup (admins only)
  'branch:all', // not limited to the user's own branch
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    'case:read',
    'case:register',
    'case:edit',
    'case:handle',
    'case:assign',
    'case:approve',
    'case:merge',
    'case:export',
    'pii:view',
    'analytics:view',
    'import:run',
  ],
  handler: ['case:read', 'case:register', 'case:edit', 'case:handle', 'pii:view'],
  clerk: ['case:read', 'case:register', 'case:edit'],
  analyst: ['case:read', 'case:export', 'analytics:view', 'branch:all'],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** The screen each role starts on after signing in: where its daily work is. */
export type LandingScreen = 'cases' | 'register' | 'analytics' | 'admin';
export const LANDING_SCREEN: Record<Role, LandingScreen> = {
  admin: 'cases', // administrators also supervise cases; the admin screens are one click away
  supervisor: 'cases',
  handler: 'cases',
  clerk: 'register',
  analyst: 'analytics',
};
