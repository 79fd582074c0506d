// Demo staff for a first start: one account per console role with known passwords and fixed TOTP secrets.
import type { DomainContext } from './context.js';
import type { StaffRole } from './staff/roles.js';
import { createStaff, findStaff } from './staff/staff-accounts.js';

export interface DemoStaff {
  username: string;
  password: string;
  /** Base32: add it to an authenticator app by hand (or scan a QR of its otpauth:// URI). */
  totpSecret: string;
  roles: readonly StaffRole[];
  name: string;
}

/** Fixed on purpose: printed at start-up in demo mode. Never used outside demo mode. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  {
    username: 'admin',
    password: 'demo-admin-pass',
    totpSecret: 'MWALLETDEMOADMINTOTPSECRETAAAAAA',
    roles: ['admin'],
    name: '管理员 Admin',
  },
  {
    username: 'finance1',
    password: 'demo-finance1-pass',
    totpSecret: 'MWALLETDEMOFINANCEONETOTPAAAAAAA',
    roles: ['finance'],
    name: '财务一 Finance One',
  },
  {
    username: 'finance2',
    password: 'demo-finance2-pass',
    totpSecret: 'MWALLETDEMOFINANCETWOTOTPAAAAAAA',
    roles: ['finance'],
    name: '财务二 Finance Two',
  },
  {
    username: 'support1',
    password: 'demo-support1-pass',
    totpSecret: 'MWALLETDEMOSUPPORTONETOTPAAAAAAA',
    roles: ['support'],
    name: '客服一 Support One',
  },
  {
    username: 'risk1',
    password: 'demo-risk1-pass',
    totpSecret: 'MWALLETDEMORISKONETOTPAAAAAAAAAA',
    roles: ['risk'],
    name: '风控一 Risk One',
  },
];

/** Creates the demo staff that do not exist yet (idempotent). */
export async function loadDemoStaff(ctx: DomainContext): Promise<readonly DemoStaff[]> {
  for (const demo of DEMO_STAFF) {
    if (await findStaff(ctx.db, demo.username)) continue;
    const created = await createStaff(
      ctx,
      {
        username: demo.username,
        displayName: demo.name,
        roles: demo.roles,
        password: demo.password,
        totpSecret: demo.totpSecret,
      },
      'system:demo',
    );
    if (!created.ok && created.error !== 'staff_exists')
      throw new Error(`demo staff refused: ${created.error}`);
  }
  return DEMO_STAFF;
}
