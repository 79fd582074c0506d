// GSMA pre-authorised codes: made by the customer in the app or issued through the operator's client, redeemed once by a
// merchant payment or an agent's cash-out.
import { randomInt } from 'node:crypto';
import type { DomainContext } from '../context.js';
import { findCustomer } from '../customers/customer-queries.js';
import { checkPin, type PinCheckResult } from '../customers/pin-check.js';
import { keyedHash } from '../keys.js';
import type { ApiClient } from './api-client.js';
import { type AccountIdentifier, findAccount } from './partner-accounts.js';
import type { TransactionFailure } from './partner-transaction.js';

/** 12 digits starting with 9: never taken for an app payment code (18 digits starting with 28). */
export const AUTHORISATION_CODE_PATTERN = /^9\d{11}$/;
const DEFAULT_LIFETIME_SECONDS = 600;
export const MAX_LIFETIME_SECONDS = 86_400;

export interface CodeRequest {
  /** Null: any amount (within the customer's limits). */
  amount: bigint | null;
  amountType: 'exact' | 'maximum';
  lifetimeSeconds?: number | undefined;
}

export interface IssuedCode {
  code: string;
  amount: bigint | null;
  amountType: 'exact' | 'maximum';
  lifetimeSeconds: number;
  createdAt: number;
}

export type IssueCodeResult = { ok: true; issued: IssuedCode } | { ok: false; error: TransactionFailure };

/**
 * A single-use code the customer hands to a merchant (at a till, on a website) or to an agent (for cash-out) to pay
 * once, up to or exactly `amount`, before it expires. Through the GSMA API only the operator's clients issue codes:
 * they act for the customer, whom they authenticated on their own channel.
 */
export async function issueAuthorisationCode(
  ctx: DomainContext,
  client: ApiClient,
  identifier: AccountIdentifier,
  request: CodeRequest,
): Promise<IssueCodeResult> {
  if (client.party.kind !== 'operator') return { ok: false, error: 'not_permitted' };
  const found = await findAccount(ctx, identifier);
  if (!found.ok) return found;
  const { customer } = found;
  if (!customer) return { ok: false, error: 'account_not_found' };
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  return { ok: true, issued: await storeCode(ctx, customer.id, client.id, request) };
}

export type OwnCodeResult =
  | { ok: true; issued: IssuedCode }
  | { ok: false; error: 'account_locked' | Exclude<PinCheckResult, { ok: true }>['error'] };

/** A code the customer makes in the app, confirmed with the PIN (a cash-out hands over money at once). */
export async function createOwnAuthorisationCode(
  ctx: DomainContext,
  customerId: string,
  request: CodeRequest & { pin: string },
): Promise<OwnCodeResult> {
  const customer = await findCustomer(ctx.db, customerId);
  if (customer?.status !== 'active' || customer.lockedAt !== null)
    return { ok: false, error: 'account_locked' };
  const pin = await checkPin(ctx, customerId, request.pin);
  if (!pin.ok) return { ok: false, error: pin.error };
  return { ok: true, issued: await storeCode(ctx, customerId, null, request) };
}

/** Stores a new code (only its keyed hash) for the customer; `clientId` is the API client that issued it, if any. */
async function storeCode(
  ctx: DomainContext,
  customerId: string,
  clientId: string | null,
  request: CodeRequest,
): Promise<IssuedCode> {
  const lifetimeSeconds = request.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS;
  const code = `9${Array.from({ length: 11 }, () => randomInt(10)).join('')}`;
  const now = ctx.clock();
  await ctx.db.run(
    `INSERT INTO authorisation_codes (code_hash, customer_id, client_id, amount, amount_type, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      keyedHash(ctx.keys.otp, code),
      customerId,
      clientId,
      request.amount,
      request.amountType,
      BigInt(now),
      BigInt(now + lifetimeSeconds * 1000),
    ],
  );
  return { code, amount: request.amount, amountType: request.amountType, lifetimeSeconds, createdAt: now };
}

/**
 * Uses up a live code for a payment of `amount` (exactly its amount, or at most it); answers the customer it
 * belongs to. A code of another customer than `expectedCustomerId` (when given) is refused and stays usable.
 */
export async function redeemAuthorisationCode(
  ctx: DomainContext,
  code: string,
  amount: bigint,
  expectedCustomerId: string | undefined,
): Promise<{ ok: true; customerId: string } | { ok: false; error: 'authorisation_code_invalid' }> {
  if (!AUTHORISATION_CODE_PATTERN.test(code)) return { ok: false, error: 'authorisation_code_invalid' };
  const codeHash = keyedHash(ctx.keys.otp, code);
  const now = BigInt(ctx.clock());
  const owner = await ctx.db.transaction(async (tx) => {
    const row = await tx.get<{
      customer_id: string;
      amount: bigint | null;
      amount_type: 'exact' | 'maximum';
    }>(
      `SELECT customer_id, amount, amount_type FROM authorisation_codes
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2${ctx.db.forUpdate}`,
      [codeHash, now],
    );
    if (!row) return undefined;
    if (expectedCustomerId !== undefined && row.customer_id !== expectedCustomerId) return undefined;
    if (row.amount !== null && (row.amount_type === 'exact' ? amount !== row.amount : amount > row.amount)) {
      return undefined;
    }
    await tx.run('UPDATE authorisation_codes SET used_at = $1 WHERE code_hash = $2', [now, codeHash]);
    return row.customer_id;
  });
  return owner ? { ok: true, customerId: owner } : { ok: false, error: 'authorisation_code_invalid' };
}
