// Staff roles and the permission matrix of the operator console: what each role may do.

export const STAFF_ROLES = ['support', 'risk', 'finance', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  'customers.search',
  'customers.view',
  'customers.lock',
  'customers.unlock',
  'customers.notes',
  'customers.pin_reset',
  'kyc.review',
  'merchants.review',
  'reversals.request',
  'reversals.approve',
  'dashboard.view',
  'audit.view',
  'staff.list',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SUPPORT: readonly Permission[] = [
  'customers.search',
  'customers.view',
  'customers.lock',
  'customers.unlock',
  'customers.notes',
  'customers.pin_reset',
];

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  support: SUPPORT,
  risk: [...SUPPORT, 'kyc.review', 'merchants.review'],
  finance: ['reversals.request', 'reversals.approve', 'dashboard.view'],
  admin: PERMISSIONS,
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** Every permission any of the roles grants, in the matrix's order. */
export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  const granted = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
  return PERMISSIONS.filter((permission) => granted.has(permission));
}
