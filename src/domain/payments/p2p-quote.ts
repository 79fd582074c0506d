// Step 1 of a P2P transfer: the quote — recipient (masked), fee, total and the authentication confirming will need.
import { formatAmount, parsePositiveAmount } from '../../money/index.js';
import type { WriteOptions } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import { findCustomer, findCustomerByPhone } from '../customers/customer-queries.js';
import { maskName, maskPhone } from '../customers/masking.js';
import { normalizePhone } from '../customers/phone.js';
import type { SessionPrincipal } from '../customers/sessions.js';
import { newId } from '../ids.js';
import type { Authentication, StepUpReason } from '../risk/step-up.js';
import { quoteFee } from '../risk/tariff.js';
import { checkLimits } from '../risk/tiers.js';
import { assessPayment } from './risk.js';
import { limitUsage } from './usage.js';

export const NOTE_MAX_LENGTH = 140;

export interface QuoteRequest {
  to: string;
  amount: string;
  note?: string;
}

export interface Quote {
  id: string;
  to: string;
  recipient: { phone: string; name: string | null; registered: boolean };
  amount: string;
  fee: string;
  feePayer: 'sender' | 'recipient';
  /** What leaves the sender's wallet. */
  total: string;
  /** What reaches the recipient. */
  received: string;
  currency: string;
  note: string;
  authentication: Authentication;
  reasons: StepUpReason[];
  expiresAt: string;
}

export type QuoteError =
  | 'invalid_phone'
  | 'not_mobile'
  | 'invalid_amount'
  | 'note_too_long'
  | 'self_payment'
  | 'amount_below_fee'
  | 'account_locked'
  | 'pin_locked'
  | 'sim_swap_quarantine'
  | 'limit_exceeded';

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; error: QuoteError; detail?: string };

export async function createQuote(
  ctx: DomainContext,
  principal: SessionPrincipal,
  request: QuoteRequest,
  /** Not durable when the same request goes on to confirm it (the ledger commit makes it durable). */
  write: WriteOptions = {},
): Promise<QuoteResult> {
  const { currency } = ctx.settings;
  const phone = normalizePhone(request.to, ctx.settings.defaultRegion);
  if (!phone.ok) return phone;
  const amount = parsePositiveAmount(request.amount, currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const note = request.note ?? '';
  if ([...note].length > NOTE_MAX_LENGTH) return { ok: false, error: 'note_too_long' };
  const customer = await findCustomer(ctx.db, principal.customerId);
  if (!customer) return { ok: false, error: 'account_locked' };
  if (customer.phone === phone.e164) return { ok: false, error: 'self_payment' };
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const fee = quoteFee(ctx.settings.p2pTariff, amount.amount.value);
  if (!fee.ok) return fee;
  const now = ctx.clock();
  const usage = await limitUsage(ctx.db, customer.id, now, ctx.settings.timeZone);
  const limits = checkLimits(ctx.settings.tiers[customer.tier], usage, fee.debitTotal);
  if (!limits.ok) return { ok: false, error: 'limit_exceeded', detail: limits.limit };
  const decision = await assessPayment(ctx, ctx.db, {
    principal,
    customer,
    recipientPhone: phone.e164,
    total: fee.debitTotal,
  });
  if (!decision.ok) return decision;
  const recipient = await findCustomerByPhone(ctx.db, phone.e164);
  const id = newId('quo');
  const expiresAt = now + ctx.settings.quoteTtlMs;
  await ctx.db.run(
    `INSERT INTO p2p_quotes (id, customer_id, recipient_phone, amount, fee, fee_payer, currency, note, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      customer.id,
      phone.e164,
      amount.amount.value,
      fee.fee,
      fee.payer,
      currency,
      note,
      BigInt(now),
      BigInt(expiresAt),
    ],
    write,
  );
  const money = (value: bigint) => formatAmount({ value, currency });
  return {
    ok: true,
    quote: {
      id,
      to: phone.e164,
      recipient: {
        phone: maskPhone(phone.e164),
        name: recipient?.name ? maskName(recipient.name) : null,
        registered: recipient !== undefined,
      },
      amount: money(amount.amount.value),
      fee: money(fee.fee),
      feePayer: fee.payer,
      total: money(fee.debitTotal),
      received: money(fee.creditTotal),
      currency,
      note,
      authentication: decision.authentication,
      reasons: decision.reasons,
      expiresAt: new Date(expiresAt).toISOString(),
    },
  };
}
