// Opening a wallet: a verified SMS code for the number, a PIN, the first device; the wallet starts at the lowest tier.

import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { newAccountId, newId } from '../ids.js';
import type { Locale } from '../notifications/messages.js';
import { openWalletAccount } from '../wallets/accounts.js';
import { findCustomerByPhone } from './customer-queries.js';
import { bindDevice } from './devices.js';
import { consumeToken, peekToken } from './otp.js';
import { createPinVerifier, type PinVerifier } from './pin-hash.js';
import { checkNewPin } from './pin-policy.js';
import { createSession, type NewSession } from './sessions.js';

export interface RegistrationRequest {
  /** From verifying a code sent for purpose `register`. */
  verificationToken: string;
  pin: string;
  device: { key: string; name: string };
  locale: Locale;
}

export type RegistrationError =
  | 'verification_invalid'
  | 'phone_taken'
  | 'pin_format'
  | 'pin_too_simple'
  | 'service_unavailable';

export type RegistrationResult =
  | { ok: true; customerId: string; phone: string; session: NewSession }
  | { ok: false; error: RegistrationError };

export async function register(
  ctx: DomainContext,
  request: RegistrationRequest,
): Promise<RegistrationResult> {
  const phone = await peekToken(ctx, request.verificationToken, 'register');
  if (phone === undefined) return { ok: false, error: 'verification_invalid' };
  const pinPolicy = checkNewPin(request.pin, { phoneE164: phone });
  if (!pinPolicy.ok) return pinPolicy;
  if (await findCustomerByPhone(ctx.db, phone)) return { ok: false, error: 'phone_taken' };
  const verifier = await createPinVerifier(ctx.keys.pinPepper, request.pin);
  // The ledger account comes first: a wallet row never points at an account that does not exist.
  // If the rest fails, an empty account with no owner remains, which holds and moves nothing.
  const walletAccountId = newAccountId();
  if ((await openWalletAccount(ctx.ledger, walletAccountId, ctx.settings.currency)) !== 'ok') {
    return { ok: false, error: 'service_unavailable' };
  }
  const customerId = newId('cus');
  const now = ctx.clock();
  return ctx.db.transaction(async (tx): Promise<RegistrationResult> => {
    // Two registrations of one number at once take turns (PostgreSQL; SQLite's writers already do).
    await ctx.db.serialize(tx, `register:${phone}`);
    if ((await consumeToken(ctx, tx, request.verificationToken, 'register')) !== phone) {
      return { ok: false, error: 'verification_invalid' };
    }
    if (await findCustomerByPhone(tx, phone)) return { ok: false, error: 'phone_taken' };
    await insertCustomer(tx, {
      id: customerId,
      phone,
      walletAccountId,
      locale: request.locale,
      verifier,
      createdAt: now,
    });
    const deviceId = await bindDevice(ctx, tx, {
      customerId,
      key: request.device.key,
      name: request.device.name,
      boundBy: 'registration',
    });
    const session = await createSession(ctx, tx, customerId, deviceId);
    return { ok: true, customerId, phone, session };
  });
}

export interface NewCustomer {
  id: string;
  phone: string;
  walletAccountId: bigint;
  locale: Locale;
  verifier: PinVerifier;
  createdAt: number;
  /** Verified identity, for wallets opened face to face (demo data, branch onboarding). */
  identity?: { name: string; tier: 'class_2' | 'class_3' };
}

/** Writes a new open wallet at the lowest tier (or a verified identity's tier). The ledger account must exist. */
export async function insertCustomer(tx: SqlExecutor, customer: NewCustomer): Promise<void> {
  await tx.run(
    `INSERT INTO customers (id, phone, wallet_account_id, status, tier, locale, name, pin_salt, pin_hash, created_at)
     VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9)`,
    [
      customer.id,
      customer.phone,
      customer.walletAccountId.toString(),
      customer.identity?.tier ?? 'class_1',
      customer.locale,
      customer.identity?.name ?? null,
      customer.verifier.salt,
      customer.verifier.hash,
      BigInt(customer.createdAt),
    ],
  );
}
