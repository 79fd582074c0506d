// Demo data for a first start: two funded customers with known PINs, two merchants and the console's staff, to try at once.
import type { DomainContext } from './context.js';
import { findCustomerByPhone } from './customers/customer-queries.js';
import { createPinVerifier } from './customers/pin-hash.js';
import { insertCustomer } from './customers/registration.js';
import { type DemoMerchant, loadDemoMerchants } from './demo-merchants.js';
import { type DemoStaff, loadDemoStaff } from './demo-staff.js';
import { newAccountId, newId } from './ids.js';
import { openWalletAccount } from './wallets/accounts.js';
import { issueEMoney } from './wallets/issuance.js';

export interface DemoCustomer {
  phone: string;
  pin: string;
  name: string;
  balance: string;
}

/** Fixed on purpose: printed at start-up and in the README. Never used outside demo mode. */
const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { phone: '+8613800000001', pin: '147258', name: '王小明', balance: '1000.00' },
  { phone: '+8613800000002', pin: '258369', name: '李小红', balance: '200.00' },
];

export interface DemoData {
  customers: readonly DemoCustomer[];
  merchants: readonly DemoMerchant[];
  staff: readonly DemoStaff[];
}

/** Creates the demo customers and merchants that do not exist yet (idempotent); returns them with PINs and till codes. */
export async function loadDemoData(ctx: DomainContext): Promise<DemoData> {
  for (const demo of DEMO_CUSTOMERS) {
    if (await findCustomerByPhone(ctx.db, demo.phone)) continue;
    const walletAccountId = newAccountId();
    if ((await openWalletAccount(ctx.ledger, walletAccountId, ctx.settings.currency)) !== 'ok') {
      throw new Error('the ledger refused the demo wallets');
    }
    const verifier = await createPinVerifier(ctx.keys.pinPepper, demo.pin);
    await ctx.db.transaction((tx) =>
      insertCustomer(tx, {
        id: newId('cus'),
        phone: demo.phone,
        walletAccountId,
        locale: 'zh-CN',
        verifier,
        createdAt: ctx.clock(),
        identity: { name: demo.name, tier: 'class_2' },
      }),
    );
    const funded = await issueEMoney(ctx, {
      phone: demo.phone,
      amount: demo.balance,
      actor: 'system:demo',
      reason: 'demo data',
    });
    if (!funded.ok) throw new Error(`demo funding refused: ${funded.error}`);
  }
  return {
    customers: DEMO_CUSTOMERS,
    merchants: await loadDemoMerchants(ctx),
    staff: await loadDemoStaff(ctx),
  };
}
