// Step 1 of a P2P transfer: the quote — recipient (masked), fee, total and the authentication confirming will need.
import { type CurrencyCode, formatAmount, parsePositiveAmount } from '../../money/index.js';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findPayerAndPayee } from '../customers/customer-queries.js';
import { maskName, maskPhone } from '../customers/masking.js';
import { normalizePhone } from '../customers/phone.js';
import { newId } from '../ids.js';
import type { Authentication, StepUpDecision, StepUpReason } from '../risk/step-up.js';
import { type FeeQuote, quoteFee } from '../risk/tariff.js';
import { checkLimits } from '../risk/tiers.js';
import type { Payer } from './payer.js';
import { assessPayment } from './risk.js';
import { payerActivity } from './usage.js';

const NOTE_MAX_LENGTH = 140;

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
  | 'sms_limit_exceeded'
  | 'limit_exceeded';

export type QuoteResult = { ok: true; quote: Quote } | { ok: false; error: QuoteError; detail?: string };

/** A transfer request validated and priced, before its limits and authentication are looked at. */
export interface PricedRequest {
  id: string;
  customer: Customer;
  /** The registered wallet of the number, if any. */
  recipient: Customer | undefined;
  to: string;
  amount: bigint;
  currency: CurrencyCode;
  fee: Extract<FeeQuote, { ok: true }>;
  note: string;
  createdAt: number;
  expiresAt: number;
}

/** A transfer priced and checked, not yet stored: what a quote records. */
export interface PricedTransfer extends PricedRequest {
  decision: Extract<StepUpDecision, { ok: true }>;
}

type Priced<T> = { ok: true; priced: T } | { ok: false; error: QuoteError; detail?: string };

/** Validates the request, finds both parties and prices it with the tariff. */
export async function priceRequest(
  ctx: DomainContext,
  payer: Payer,
  request: QuoteRequest,
): Promise<Priced<PricedRequest>> {
  const { currency } = ctx.settings;
  const phone = normalizePhone(request.to, ctx.settings.defaultRegion);
  if (!phone.ok) return phone;
  const amount = parsePositiveAmount(request.amount, currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const note = request.note ?? '';
  if ([...note].length > NOTE_MAX_LENGTH) return { ok: false, error: 'note_too_long' };
  const { payer: customer, payee: recipient } = await findPayerAndPayee(ctx.db, payer.customerId, phone.e164);
  if (!customer) return { ok: false, error: 'account_locked' };
  if (customer.phone === phone.e164) return { ok: false, error: 'self_payment' };
  if (customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  const fee = quoteFee(ctx.settings.p2pTariff, amount.amount.value);
  if (!fee.ok) return fee;
  const now = ctx.clock();
  return {
    ok: true,
    priced: {
      id: newId('quo'),
      customer,
      recipient,
      to: phone.e164,
      amount: amount.amount.value,
      currency,
      fee,
      note,
      createdAt: now,
      expiresAt: now + ctx.settings.quoteTtlMs,
    },
  };
}

/** Prices the request, checks the payer's limits and decides the authentication needed. */
export async function priceTransfer(
  ctx: DomainContext,
  payer: Payer,
  request: QuoteRequest,
): Promise<Priced<PricedTransfer>> {
  const result = await priceRequest(ctx, payer, request);
  if (!result.ok) return result;
  const { customer, fee, to, createdAt } = result.priced;
  const tier = ctx.settings.tiers[customer.tier];
  const { usage, history } = await payerActivity(ctx.db, customer, to, createdAt, {
    timeZone: ctx.settings.timeZone,
    lifetime: tier.lifetime !== null,
  });
  const limits = checkLimits(tier, usage.limits, fee.debitTotal);
  if (!limits.ok) return { ok: false, error: 'limit_exceeded', detail: limits.limit };
  const decision = assessPayment(ctx, {
    device: payer.device,
    smsConfirmed: payer.smsConfirmed,
    partner: payer.partner,
    customer,
    recipientPhone: to,
    total: fee.debitTotal,
    passwordFreeToday: usage.passwordFreeToday,
    history,
  });
  if (!decision.ok) return decision;
  return { ok: true, priced: { ...result.priced, decision } };
}

/** Stores a priced transfer as a quote (in the caller's transaction, or on its own). */
export async function insertQuote(db: SqlExecutor, p: PricedRequest): Promise<void> {
  await db.run(
    `INSERT INTO p2p_quotes (id, customer_id, recipient_phone, amount, fee, fee_payer, currency, note, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      p.id,
      p.customer.id,
      p.to,
      p.amount,
      p.fee.fee,
      p.fee.payer,
      p.currency,
      p.note,
      BigInt(p.createdAt),
      BigInt(p.expiresAt),
    ],
  );
}

export async function createQuote(
  ctx: DomainContext,
  payer: Payer,
  request: QuoteRequest,
): Promise<QuoteResult> {
  const result = await priceTransfer(ctx, payer, request);
  if (!result.ok) return result;
  const { priced } = result;
  await insertQuote(ctx.db, priced);
  const { currency } = ctx.settings;
  const money = (value: bigint) => formatAmount({ value, currency });
  return {
    ok: true,
    quote: {
      id: priced.id,
      to: priced.to,
      recipient: {
        phone: maskPhone(priced.to),
        name: priced.recipient?.name ? maskName(priced.recipient.name) : null,
        registered: priced.recipient !== undefined,
      },
      amount: money(priced.amount),
      fee: money(priced.fee.fee),
      feePayer: priced.fee.payer,
      total: money(priced.fee.debitTotal),
      received: money(priced.fee.creditTotal),
      currency,
      note: priced.note,
      authentication: priced.decision.authentication,
      reasons: priced.decision.reasons,
      expiresAt: new Date(priced.expiresAt).toISOString(),
    },
  };
}
