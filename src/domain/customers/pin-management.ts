// Changing a PIN (knowing the old one) and resetting it after a lock (SMS code + identity document).
import type { DomainContext } from '../context.js';
import { findCustomer, findCustomerByPhone } from './customer-queries.js';
import { type IdType, idNumberDigest } from './id-document.js';
import { consumeToken, peekToken } from './otp.js';
import { checkPin } from './pin-check.js';
import { createPinVerifier } from './pin-hash.js';
import { checkNewPin } from './pin-policy.js';

export type ChangePinResult =
  | { ok: true }
  | { ok: false; error: 'pin_locked' | 'pin_format' | 'pin_too_simple' | 'unauthorized' }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

export type ResetPinResult =
  | { ok: true }
  | { ok: false; error: 'verification_invalid' | 'id_mismatch' | 'pin_format' | 'pin_too_simple' };

async function storePin(ctx: DomainContext, customerId: string, pin: string, reset: boolean): Promise<void> {
  const verifier = await createPinVerifier(ctx.keys.pinPepper, pin);
  const resetColumns = reset
    ? ', pin_failures = 0, pin_locked_at = NULL, pin_reset_at = $4, pin_reset_allowed_until = NULL'
    : '';
  const params = [verifier.salt, verifier.hash, customerId, ...(reset ? [BigInt(ctx.clock())] : [])];
  await ctx.db.run(`UPDATE customers SET pin_salt = $1, pin_hash = $2${resetColumns} WHERE id = $3`, params);
}

export async function changePin(
  ctx: DomainContext,
  customerId: string,
  currentPin: string,
  newPin: string,
): Promise<ChangePinResult> {
  const customer = await findCustomer(ctx.db, customerId);
  if (!customer) return { ok: false, error: 'unauthorized' };
  const checked = await checkPin(ctx, customerId, currentPin);
  if (!checked.ok) return checked;
  const policy = checkNewPin(newPin, {
    phoneE164: customer.phone,
    ...(customer.birthDate ? { birthDate: customer.birthDate } : {}),
  });
  if (!policy.ok) return policy;
  await storePin(ctx, customerId, newPin, false);
  return { ok: true };
}

/** Whether the document number matches the one on file; true when none is on file (a wallet never verified). */
export async function idMatchesRecord(ctx: DomainContext, customerId: string, idNumber: string | undefined) {
  const record = await ctx.db.get<{ id_type: IdType | null; id_number_hash: Buffer | null }>(
    'SELECT id_type, id_number_hash FROM customers WHERE id = $1',
    [customerId],
  );
  if (!record?.id_type || !record.id_number_hash) return true;
  if (idNumber === undefined) return false;
  return idNumberDigest(ctx, record.id_type, idNumber.trim().toUpperCase()).hash.equals(
    record.id_number_hash,
  );
}

/** Whether staff re-verified the customer's identity recently (see staff-pin-reset.ts): the SMS code then suffices. */
async function staffVerified(ctx: DomainContext, customerId: string): Promise<boolean> {
  const row = await ctx.db.get<{ pin_reset_allowed_until: bigint | null }>(
    'SELECT pin_reset_allowed_until FROM customers WHERE id = $1',
    [customerId],
  );
  const until = row?.pin_reset_allowed_until;
  return until !== null && until !== undefined && Number(until) > ctx.clock();
}

/**
 * Sets a new PIN with a verified SMS code (purpose `reset_pin`) and, when the wallet has an
 * identity document on file, its number (unless staff verified it within the allowance). Clears
 * the wrong-PIN lock; the step-up policy then asks for an SMS code on payments for a while.
 */
export async function resetPin(
  ctx: DomainContext,
  request: { verificationToken: string; idNumber?: string; newPin: string },
): Promise<ResetPinResult> {
  const phone = await peekToken(ctx, request.verificationToken, 'reset_pin');
  const customer = phone === undefined ? undefined : await findCustomerByPhone(ctx.db, phone);
  if (!customer) return { ok: false, error: 'verification_invalid' };
  const verified =
    (await staffVerified(ctx, customer.id)) || (await idMatchesRecord(ctx, customer.id, request.idNumber));
  if (!verified) return { ok: false, error: 'id_mismatch' };
  const policy = checkNewPin(request.newPin, {
    phoneE164: customer.phone,
    ...(customer.birthDate ? { birthDate: customer.birthDate } : {}),
  });
  if (!policy.ok) return policy;
  const used = await ctx.db.transaction((tx) =>
    consumeToken(ctx, tx, request.verificationToken, 'reset_pin'),
  );
  if (used !== customer.phone) return { ok: false, error: 'verification_invalid' };
  await storePin(ctx, customer.id, request.newPin, true);
  return { ok: true };
}
