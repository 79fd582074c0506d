// Step 2 of a P2P transfer: confirming a quote — idempotent, authenticated by the step-up policy, within limits.
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../../storage/sql/sql-database.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findPayerAndPayee, lockPayerAndPayee } from '../customers/customer-queries.js';
import { newId, newTransferBase } from '../ids.js';
import { checkBalanceCap, type LimitName } from '../risk/tiers.js';
import { walletBalance } from '../wallets/accounts.js';
import { priceRequest, type QuoteError, type QuoteRequest } from './p2p-quote.js';
import { type SettleError, settlePayment, settlePending } from './p2p-settle.js';
import type { Payer } from './payer.js';
import { authoriseUnderLock, checkSentPin, consumeStepUpToken, Refused } from './payer-checks.js';
import type { Payment } from './payment.js';
import { findPaymentByKey, insertPayment, type PaymentView, paymentView } from './payment-queries.js';
import { newLease } from './settlement-lease.js';

export interface ConfirmRequest {
  /** The quote being confirmed; or, in one step, `transfer`: quoted and confirmed by the same request. */
  quoteId?: string;
  transfer?: QuoteRequest;
  idempotencyKey: string;
  pin?: string;
  /** From verifying a code sent for purpose `payment`, when the quote asked for `pin_and_otp`. */
  verificationToken?: string;
}

export type ConfirmError =
  | 'quote_not_found'
  | 'quote_expired'
  | 'quote_used'
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'pin_required'
  | 'otp_required'
  | 'pin_locked'
  | 'verification_invalid'
  | 'account_locked'
  | 'sim_swap_quarantine'
  | 'sms_limit_exceeded'
  | 'limit_exceeded'
  | 'velocity_exceeded'
  | 'recipient_limit_exceeded'
  | QuoteError
  | SettleError;

export type ConfirmResult =
  | { ok: true; payment: PaymentView }
  | { ok: false; error: ConfirmError; detail?: string; payment?: PaymentView }
  | { ok: false; error: 'pin_incorrect'; attemptsRemaining: number };

interface QuoteRow {
  [column: string]: unknown;
  recipient_phone: string;
  amount: bigint;
  fee: bigint;
  fee_payer: 'sender' | 'recipient';
  note: string;
  expires_at: bigint;
}

/** A pending payment of another process is waited for this long before answering "in progress". */
const WAIT_FOR_OTHER_ATTEMPT_MS = 5000;

export interface P2pConfirmer {
  confirm(payer: Payer, request: ConfirmRequest): Promise<ConfirmResult>;
}

export function createP2pConfirmer(ctx: DomainContext): P2pConfirmer {
  /** Attempts running in this process, by customer and key: a duplicate waits and gets the same answer. */
  const running = new Map<string, Promise<ConfirmResult>>();
  return {
    confirm(payer, request) {
      const key = `${payer.customerId}\u0000${request.idempotencyKey}`;
      const current = running.get(key);
      if (current) return current.then((result) => sameRequest(current, request, result));
      const attempt = confirmOnce(ctx, payer, request).finally(() => running.delete(key));
      running.set(key, attempt);
      hashOfAttempt.set(attempt, requestHash(request));
      return attempt;
    },
  };
}

/** Remembers what an in-flight attempt asked for, so a duplicate with another body is refused. */
const hashOfAttempt = new WeakMap<Promise<ConfirmResult>, string>();

function sameRequest(
  attempt: Promise<ConfirmResult>,
  request: ConfirmRequest,
  result: ConfirmResult,
): ConfirmResult {
  const hash = hashOfAttempt.get(attempt);
  return hash === undefined || hash === requestHash(request)
    ? result
    : { ok: false, error: 'idempotency_conflict' };
}

function requestHash(request: ConfirmRequest): string {
  const asked =
    request.quoteId ??
    JSON.stringify([request.transfer?.to, request.transfer?.amount, request.transfer?.note]);
  return createHash('sha256').update(`p2p\u0000${asked}`).digest('base64url');
}

/** The answer for a payment already recorded under the key. */
function outcome(payment: Payment): ConfirmResult {
  const view = paymentView(payment);
  if (payment.status !== 'failed') return { ok: true, payment: view };
  return { ok: false, error: (payment.failureCode ?? 'service_unavailable') as SettleError, payment: view };
}

async function replay(
  ctx: DomainContext,
  existing: Payment,
  request: ConfirmRequest,
): Promise<ConfirmResult> {
  if (existing.requestHash !== requestHash(request)) return { ok: false, error: 'idempotency_conflict' };
  let payment = existing;
  const deadline = ctx.clock() + WAIT_FOR_OTHER_ATTEMPT_MS;
  while (payment.status === 'pending' && ctx.clock() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    payment = (await findPaymentByKey(ctx.db, existing.customerId, existing.idempotencyKey)) ?? payment;
  }
  if (payment.status !== 'pending') return outcome(payment);
  // Still pending: its first attempt died or the ledger was busy. Settling is idempotent (same transfer
  // ids), so the retry finishes it — exactly once, whoever else is settling it too.
  const settled = await settlePending(ctx, payment);
  if (settled === 'busy') return { ok: false, error: 'idempotency_in_progress' };
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome((await findPaymentByKey(ctx.db, existing.customerId, existing.idempotencyKey)) ?? payment);
}

/** What confirming needs, from a stored quote or from a transfer priced by this request. */
interface Prepared {
  /** The stored quote confirmed; null for a transfer priced by this request (its payment holds the price). */
  quoteId: string | null;
  quote: QuoteRow;
  customer: Customer;
  recipient: Customer | undefined;
}

type Preparation = { ok: true; prepared: Prepared } | Extract<ConfirmResult, { ok: false }>;

async function fromTransfer(ctx: DomainContext, payer: Payer, transfer: QuoteRequest): Promise<Preparation> {
  const result = await priceRequest(ctx, payer, transfer);
  if (!result.ok) return result;
  const { priced } = result;
  return {
    ok: true,
    prepared: {
      quoteId: null,
      quote: {
        recipient_phone: priced.to,
        amount: priced.amount,
        fee: priced.fee.fee,
        fee_payer: priced.fee.payer,
        note: priced.note,
        expires_at: BigInt(priced.expiresAt),
      },
      customer: priced.customer,
      recipient: priced.recipient,
    },
  };
}

async function fromQuote(
  ctx: DomainContext,
  payer: Payer,
  quoteId: string | undefined,
): Promise<Preparation> {
  if (quoteId === undefined) return { ok: false, error: 'quote_not_found' };
  const quote = await ctx.db.get<QuoteRow>(
    'SELECT recipient_phone, amount, fee, fee_payer, note, expires_at FROM p2p_quotes WHERE id = $1 AND customer_id = $2',
    [quoteId, payer.customerId],
  );
  if (!quote) return { ok: false, error: 'quote_not_found' };
  if (ctx.clock() >= Number(quote.expires_at)) return { ok: false, error: 'quote_expired' };
  const used = await ctx.db.get('SELECT id FROM payments WHERE quote_id = $1', [quoteId]);
  if (used) return { ok: false, error: 'quote_used' };
  const { payer: customer, payee: recipient } = await findPayerAndPayee(
    ctx.db,
    payer.customerId,
    quote.recipient_phone,
  );
  if (!customer || customer.lockedAt !== null) return { ok: false, error: 'account_locked' };
  if (customer.pinLockedAt !== null) return { ok: false, error: 'pin_locked' };
  return { ok: true, prepared: { quoteId, quote, customer, recipient } };
}

async function confirmOnce(
  ctx: DomainContext,
  payer: Payer,
  request: ConfirmRequest,
): Promise<ConfirmResult> {
  const existing = await findPaymentByKey(ctx.db, payer.customerId, request.idempotencyKey);
  if (existing) return replay(ctx, existing, request);
  const preparation = request.transfer
    ? await fromTransfer(ctx, payer, request.transfer)
    : await fromQuote(ctx, payer, request.quoteId);
  if (!preparation.ok) return preparation;
  const { prepared } = preparation;
  const { customer, recipient } = prepared;
  // A PIN sent is checked, needed or not: what this payment needs is decided under the row lock (see record).
  const pin = await checkSentPin(ctx, customer.id, request.pin);
  if (!pin.ok) return pin;
  const recorded = await record(ctx, payer, request, prepared);
  if (!recorded.ok) return recorded;
  const settled = await settlePayment(ctx, recorded.payment, customer, recipient, recorded.lease);
  if (!settled) return { ok: false, error: 'service_unavailable' };
  return outcome({
    ...recorded.payment,
    status: settled.status,
    failureCode: settled.failure,
    completedAt: settled.at,
  });
}

/**
 * Records the payment as pending, under the customer's row lock, after the checks that must not race: limits and
 * velocity, and the authentication the step-up policy asks for, decided on the same usage.
 */
async function record(
  ctx: DomainContext,
  payer: Payer,
  request: ConfirmRequest,
  prepared: Prepared,
): Promise<
  { ok: true; payment: Payment; lease: bigint } | { ok: false; error: ConfirmError; detail?: LimitName }
> {
  const { customer, quote, recipient } = prepared;
  const now = ctx.clock();
  return ctx.db
    .transaction(
      async (tx) => {
        const total = quote.amount + (quote.fee_payer === 'sender' ? quote.fee : 0n);
        // The recipient's wallet must stay open until this payment lands: closing it waits for its lock and then
        // refuses while a payment to it is pending.
        const locked = await lockPayerAndPayee(ctx, tx, customer.id, recipient?.id);
        // Decided now: the payee, device age, a SIM swap or today's password-free payments may have changed since
        // the quote.
        const authorised = await authoriseUnderLock(ctx, tx, locked.payer, {
          ...payer,
          amount: total,
          pin: request.pin,
          verificationToken: request.verificationToken,
          recipientPhone: quote.recipient_phone,
          now,
        });
        if (!authorised.ok) return authorised;
        const { authentication } = authorised;
        if (!locked.payeeOpen) {
          return { ok: false, error: 'recipient_unavailable' } as const;
        }
        if (recipient) {
          const received = quote.amount - (quote.fee_payer === 'recipient' ? quote.fee : 0n);
          const balance = await walletBalance(ctx.ledger, recipient.walletAccountId);
          if (!checkBalanceCap(ctx.settings.tiers[recipient.tier], balance + received).ok) {
            return { ok: false, error: 'recipient_limit_exceeded' } as const;
          }
        }
        const payment: Payment = {
          id: newId('pay'),
          kind: 'p2p',
          customerId: customer.id,
          idempotencyKey: request.idempotencyKey,
          // The hash of what the client sent (a quote id, or the one-step fields), so its retries match.
          requestHash: requestHash(request),
          quoteId: prepared.quoteId,
          recipientPhone: quote.recipient_phone,
          recipientCustomerId: recipient?.id ?? null,
          amount: quote.amount,
          fee: quote.fee,
          feePayer: quote.fee_payer,
          currency: ctx.settings.currency,
          note: quote.note,
          transferBase: newTransferBase(),
          authentication,
          status: 'pending',
          failureCode: null,
          createdAt: now,
          completedAt: null,
          claimExpiresAt: recipient ? null : now + ctx.settings.claimTtlMs,
        };
        // This attempt settles it: nobody else submits its transfers while the lease lasts.
        const lease = newLease(now);
        // The unique key and quote refuse a second payment: rolled back, with what was taken.
        if (!(await insertPayment(tx, payment, lease))) throw await takenBy(tx, payment);
        // Used up last, once nothing else can refuse: a refused payment leaves the SMS code usable.
        if (!(await consumeStepUpToken(ctx, tx, authentication, customer, request.verificationToken))) {
          throw new Refused('verification_invalid');
        }
        return { ok: true, payment, lease } as const;
        // Durable with the ledger commit that follows: nothing is acknowledged before it.
      },
      { durable: false },
    )
    .catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false, error: error.code } as const;
      if (error instanceof QuoteUsed) return { ok: false, error: 'quote_used' } as const;
      throw error;
    });
}

/** Thrown when another payment confirmed the same quote meanwhile. */
class QuoteUsed extends Error {}

/** The refusal for a payment that could not be inserted: which of its unique fields another payment holds. */
async function takenBy(tx: SqlExecutor, payment: Payment): Promise<Error> {
  const sameKey = await findPaymentByKey(tx, payment.customerId, payment.idempotencyKey);
  return sameKey ? new Refused('idempotency_in_progress') : new QuoteUsed('quote_used');
}
