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
  'staff.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Looking a customer up and opening their 360 (profile, balance, history, payments, notes): read only, audited. */
const CUSTOMER_READ: readonly Permission[] = ['customers.search', 'customers.view'];

/** Customer care: reads customers and acts on them (lock, unlock, notes, PIN reset). */
const SUPPORT: readonly Permission[] = [
  ...CUSTOMER_READ,
  'customers.lock',
  'customers.unlock',
  'customers.notes',
  'customers.pin_reset',
];

/**
 * The matrix. Support cares for customers; risk does that too and reviews KYC and merchants; finance runs reversals
 * (maker–checker) and watches the dashboard, and reads customers to check a payer and their payments before asking
 * for or approving a reversal, but does not act on them: no lock or unlock, no PIN reset, and no notes (notes are
 * customer care's record of contact; finance's reasons go on the reversal request and its decision, audited there).
 * Admin may do everything: the audit log, and the staff list with resetting passwords and disabling accounts.
 */
const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  support: SUPPORT,
  risk: [...SUPPORT, 'kyc.review', 'merchants.review'],
  finance: [...CUSTOMER_READ, 'reversals.request', 'reversals.approve', 'dashboard.view'],
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
