// Tests the console's permission matrix: exactly what each role may do, and that roles add up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERMISSIONS, permissionsOf, STAFF_ROLES } from './roles.js';

const SUPPORT = [
  'customers.search',
  'customers.view',
  'customers.lock',
  'customers.unlock',
  'customers.notes',
  'customers.pin_reset',
];

describe('staff permission matrix', () => {
  it('gives support customer care only', () => {
    assert.deepEqual(permissionsOf(['support']), SUPPORT);
  });

  it('gives risk customer care plus KYC and merchant review', () => {
    assert.deepEqual(permissionsOf(['risk']), [...SUPPORT, 'kyc.review', 'merchants.review']);
  });

  it('gives finance the reversal maker and checker, the dashboard, and customers to read but not to act on', () => {
    assert.deepEqual(permissionsOf(['finance']), [
      'customers.search',
      'customers.view',
      'reversals.request',
      'reversals.approve',
      'dashboard.view',
    ]);
    for (const action of [
      'customers.lock',
      'customers.unlock',
      'customers.notes',
      'customers.pin_reset',
    ] as const) {
      assert.ok(!permissionsOf(['finance']).includes(action), action);
    }
  });

  it('lets every role that may act on a customer or decide about their money also find and view them', () => {
    const acting = PERMISSIONS.filter((p) => p.startsWith('customers.') || p.startsWith('reversals.'));
    for (const role of STAFF_ROLES) {
      const granted = permissionsOf([role]);
      if (!granted.some((p) => acting.includes(p))) continue;
      assert.ok(granted.includes('customers.search') && granted.includes('customers.view'), role);
    }
  });

  it('gives admin everything, the audit log and the staff list included', () => {
    assert.deepEqual(permissionsOf(['admin']), [...PERMISSIONS]);
    assert.ok(permissionsOf(['admin']).includes('audit.view'));
    assert.ok(permissionsOf(['admin']).includes('staff.list'));
  });

  it('unites the permissions of several roles, without repeats, and none for no role', () => {
    assert.deepEqual(permissionsOf(['support', 'finance']), [
      ...SUPPORT,
      'reversals.request',
      'reversals.approve',
      'dashboard.view',
    ]);
    assert.deepEqual(permissionsOf(['risk', 'support']), permissionsOf(['risk']));
    assert.deepEqual(permissionsOf([]), []);
  });
});
