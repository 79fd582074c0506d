// The merchant benchmark's merchants: approved, each with one till whose static QR payload the payers scan.
import type { DomainContext } from '../domain/context.js';
import { applyMerchant, decideMerchant } from '../domain/merchants/merchant-onboarding.js';
import { addStore, addTill } from '../domain/merchants/merchant-outlets.js';
import { findTill } from '../domain/merchants/merchant-queries.js';
import { staticQrPayload } from '../domain/payments/qr-payments.js';

/** Creates `count` active merchants and answers their tills' static QR payloads. */
export async function createBenchMerchants(ctx: DomainContext, count: number): Promise<string[]> {
  const payloads: string[] = [];
  for (let i = 0; i < count; i++) {
    const applied = await applyMerchant(
      ctx,
      {
        name: `Bench shop ${i}`,
        mcc: '5411',
        licenceNumber: `BENCH${String(i).padStart(8, '0')}`,
        contactName: 'Bench',
        contactPhone: '13900000000',
        contactEmail: 'bench@example.com',
        city: 'Chengdu',
        bankName: 'Bench bank',
        bankAccountNumber: '6228480012345678',
        bankAccountHolder: 'Bench',
      },
      'bench',
    );
    if (!applied.ok) throw new Error(`bench merchant: ${applied.error}`);
    const approved = await decideMerchant(ctx, applied.merchant.id, 'approve', 'bench', 'bench');
    if (!approved.ok) throw new Error(`bench merchant approval: ${approved.error}`);
    const store = await addStore(ctx, applied.merchant.id, { name: 'Bench', city: 'Chengdu' });
    if (!store.ok) throw new Error('bench store');
    const till = await addTill(ctx, applied.merchant.id, { storeId: store.id, name: 'Till' });
    const found = till.ok ? await findTill(ctx.db, applied.merchant.id, till.id) : undefined;
    if (!found) throw new Error('bench till');
    payloads.push(staticQrPayload(ctx, approved.merchant, found));
  }
  return payloads;
}
