// A staff member of the operator as the domain sees it, and how it is read from its table row.
import { isStaffRole, type StaffRole } from './roles.js';

export type StaffStatus = 'active' | 'disabled';

export interface StaffMember {
  username: string;
  displayName: string;
  roles: StaffRole[];
  status: StaffStatus;
  failedLogins: number;
  /** Until when logins are refused after too many failures, if they are. */
  lockedUntil: number | null;
  createdAt: number;
  /** A generated initial password is in use: nothing but choosing a new one is allowed until then. */
  passwordChangeRequired: boolean;
}

export interface StaffRow {
  [column: string]: unknown;
  username: string;
  display_name: string;
  roles: string;
  status: StaffStatus;
  failed_logins: bigint;
  locked_until: bigint | null;
  created_at: bigint;
  password_change_required: bigint;
}

export const STAFF_COLUMNS =
  'username, display_name, roles, status, failed_logins, locked_until, created_at, password_change_required';

/** Roles are stored as one comma-separated text. */
export function encodeRoles(roles: readonly StaffRole[]): string {
  return roles.join(',');
}

export function staffFromRow(row: StaffRow): StaffMember {
  return {
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.split(',').filter(isStaffRole),
    status: row.status,
    failedLogins: Number(row.failed_logins),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
    createdAt: Number(row.created_at),
    passwordChangeRequired: row.password_change_required !== 0n,
  };
}

/** The actor recorded in the audit log for a staff member's actions. */
export function staffActor(username: string): string {
  return `staff:${username}`;
}
