// Demo merchants for a first start: a café to pay by till code or QR (its owner logs in to the portal), and the operator's airtime merchant.
import type { DomainContext } from './context.js';
import { applyMerchant, decideMerchant } from './merchants/merchant-onboarding.js';
import { addStore, addTill } from './merchants/merchant-outlets.js';
import { findMerchant, listStores } from './merchants/merchant-queries.js';
import { addTeamMember } from './merchants/merchant-team.js';
import { staticQrPayload } from './payments/qr-payments.js';
import { DEMO_AIRTIME_TILL } from './settings-env.js';

export interface DemoMerchant {
  name: string;
  tillCode: string;
  /** The till's static QR payload (EMVCo), as printed on its sticker. */
  qrPayload: string;
  /** The number of the owner who logs in to the merchant portal (by SMS code), if the demo has one. */
  ownerPhone?: string;
}

const DEMO_MERCHANTS = [
  {
    name: '演示咖啡馆 Demo Café',
    mcc: '5814',
    licence: 'DEMO-CAFE-0001',
    till: undefined,
    owner: '+8613800000003',
  },
  {
    name: 'mwallet 话费充值 Airtime',
    mcc: '4814',
    licence: 'DEMO-AIRTIME-01',
    till: DEMO_AIRTIME_TILL,
    owner: undefined,
  },
] as const;

async function existing(ctx: DomainContext, licence: string): Promise<string | undefined> {
  const row = await ctx.db.get<{ id: string }>(
    "SELECT id FROM merchants WHERE licence_number = $1 AND status <> 'closed'",
    [licence],
  );
  return row?.id;
}

/** Creates the demo merchants that do not exist yet (idempotent); returns them with their till codes. */
export async function loadDemoMerchants(ctx: DomainContext): Promise<DemoMerchant[]> {
  const loaded: DemoMerchant[] = [];
  for (const demo of DEMO_MERCHANTS) {
    let id = await existing(ctx, demo.licence);
    if (id === undefined) {
      const applied = await applyMerchant(
        ctx,
        {
          name: demo.name,
          mcc: demo.mcc,
          licenceNumber: demo.licence,
          contactName: 'Demo',
          contactPhone: '13800000003',
          contactEmail: 'demo@example.com',
          city: '成都',
          bankName: 'Demo Bank',
          bankAccountNumber: '6228480000000001',
          bankAccountHolder: demo.name,
        },
        'system:demo',
      );
      if (!applied.ok) throw new Error(`demo merchant refused: ${applied.error}`);
      id = applied.merchant.id;
      const approved = await decideMerchant(ctx, id, 'approve', 'system:demo', 'demo data');
      if (!approved.ok) throw new Error(`demo merchant approval refused: ${approved.error}`);
      const store = await addStore(ctx, id, { name: '总店', city: '成都' });
      if (!store.ok) throw new Error('demo store refused');
      const till = await addTill(ctx, id, {
        storeId: store.id,
        name: '1',
        ...(demo.till ? { code: demo.till } : {}),
      });
      if (!till.ok) throw new Error(`demo till refused: ${till.error}`);
      if (demo.owner) {
        const owner = { phone: demo.owner, name: 'Demo 店主', role: 'owner' as const };
        const added = await addTeamMember(ctx, id, owner, 'system:demo');
        if (!added.ok) throw new Error(`demo owner refused: ${added.error}`);
      }
    }
    const [store] = await listStores(ctx.db, id);
    const [till] = store?.tills ?? [];
    const merchant = await findMerchant(ctx.db, id);
    if (store && till && merchant) {
      loaded.push({
        name: demo.name,
        tillCode: till.code,
        qrPayload: staticQrPayload(ctx, merchant, { ...till, merchantId: id, storeId: store.id }),
        ...(demo.owner ? { ownerPhone: demo.owner } : {}),
      });
    }
  }
  return loaded;
}
