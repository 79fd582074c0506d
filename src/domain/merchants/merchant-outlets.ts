// A merchant's stores and tills (checkout points, each with its static QR and short code), and the roles of its users.
import { randomInt } from 'node:crypto';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';

export type MerchantRole = 'owner' | 'manager' | 'cashier';
export const MERCHANT_ROLES: readonly MerchantRole[] = ['owner', 'manager', 'cashier'];

export type OutletError = 'invalid_outlet' | 'store_not_found' | 'till_code_taken';
export type OutletResult = { ok: true; id: string } | { ok: false; error: OutletError; detail?: string };

const NAME = /^[^\p{C}]{1,100}$/u;

/** A refusal when a name is not 1–100 printable characters without outer spaces. */
export function invalidName(field: string, value: string): OutletResult | undefined {
  return NAME.test(value) && value.trim() === value
    ? undefined
    : { ok: false, error: 'invalid_outlet', detail: `${field}: 1–100 characters` };
}

export async function addStore(
  ctx: DomainContext,
  merchantId: string,
  store: { name: string; city: string },
): Promise<OutletResult> {
  const invalid = invalidName('name', store.name) ?? invalidName('city', store.city);
  if (invalid) return invalid;
  const id = newId('sto');
  await ctx.db.run(
    'INSERT INTO merchant_stores (id, merchant_id, name, city, created_at) VALUES ($1, $2, $3, $4, $5)',
    [id, merchantId, store.name, store.city, BigInt(ctx.clock())],
  );
  return { ok: true, id };
}

export async function addTill(
  ctx: DomainContext,
  merchantId: string,
  till: {
    storeId: string;
    name: string /** A well-known code chosen by staff (e.g. the airtime till). */;
    code?: string;
  },
): Promise<OutletResult> {
  const invalid = invalidName('name', till.name);
  if (invalid) return invalid;
  const store = await ctx.db.get('SELECT id FROM merchant_stores WHERE id = $1 AND merchant_id = $2', [
    till.storeId,
    merchantId,
  ]);
  if (!store) return { ok: false, error: 'store_not_found' };
  const id = newId('til');
  // A short number customers type on a feature phone; drawn again on the rare collision.
  if (till.code !== undefined && !/^\d{8}$/.test(till.code)) {
    return { ok: false, error: 'invalid_outlet', detail: 'code: 8 digits' };
  }
  for (;;) {
    const code = till.code ?? String(randomInt(10_000_000, 100_000_000));
    const inserted = await ctx.db.run(
      `INSERT INTO merchant_tills (id, merchant_id, store_id, name, code, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
      [id, merchantId, till.storeId, till.name, code, BigInt(ctx.clock())],
    );
    if (inserted === 1) return { ok: true, id };
    if (till.code !== undefined) return { ok: false, error: 'till_code_taken' };
  }
}
