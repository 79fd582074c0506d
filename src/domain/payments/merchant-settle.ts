// Moves a recorded merchant payment's money in the ledger and records the outcome, its order and its notices.
import type { CreateTransferResult } from '../../ledger/types.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import type { Merchant } from '../merchants/merchant.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { walletBalance } from '../wallets/accounts.js';
import { announcePaymentOutcome } from './merchant-notices.js';
import type { MerchantPayment, MerchantPaymentStatus } from './merchant-payment.js';
import { findMerchantPayment } from './merchant-payment-queries.js';
import { merchantPaymentTransfers } from './merchant-transfers.js';
import { claimLease, releaseLease, settleStale } from './settlement-lease.js';

export type MerchantSettleError = 'insufficient_funds' | 'merchant_unavailable' | 'service_unavailable';

export type MerchantSettled = {
  status: MerchantPaymentStatus;
  failure: MerchantSettleError | null;
  at: number;
};

const FAILURES: Partial<Record<CreateTransferResult, MerchantSettleError>> = {
  exceeds_credits: 'insufficient_funds',
  account_closed: 'merchant_unavailable',
  overflows_credits: 'merchant_unavailable',
};

/** The first real failure of a linked chain, mapped to a domain error; a bug for anything unexpected. */
export function chainFailureOf<E extends string>(
  results: CreateTransferResult[],
  failures: Partial<Record<CreateTransferResult, E>>,
  what: string,
): E | null {
  const failed = results.filter((r) => r !== 'ok' && r !== 'exists' && r !== 'linked_event_failed');
  const [first] = failed;
  if (first === undefined) return null;
  const mapped = failures[first];
  if (!mapped) throw new Error(`${what} refused by the ledger: ${failed.join(', ')}`);
  return mapped;
}

/**
 * Submits the payment's chain (idempotent: a retry finds it `exists`) and records the outcome, holding the
 * payment's settlement lease; undefined when the ledger could not take the work now (still pending, nothing
 * moved). If the lease was lost meanwhile, the outcome recorded by its new holder is answered instead.
 */
export async function settleMerchantPayment(
  ctx: DomainContext,
  payment: MerchantPayment,
  parties: { customer: Customer; merchant: Merchant },
  lease: bigint,
): Promise<MerchantSettled | undefined> {
  const { customer, merchant } = parties;
  const submitted = await ctx.ledger.createTransfers(
    merchantPaymentTransfers(payment, { wallet: customer.walletAccountId, merchant: merchant.accountId }),
  );
  if (!submitted.ok) {
    await releaseLease(ctx, 'merchant_payments', payment.id, lease);
    return undefined;
  }
  const failure = chainFailureOf(submitted.results, FAILURES, 'merchant payment');
  const settled: MerchantSettled = { status: failure ? 'failed' : 'completed', failure, at: ctx.clock() };
  const balance = failure ? undefined : await walletBalance(ctx.ledger, customer.walletAccountId);
  const outcome: MerchantPayment = {
    ...payment,
    status: settled.status,
    failureCode: failure,
    completedAt: settled.at,
  };
  const recorded = await ctx.db.transaction(
    async (tx) => {
      const changed = await tx.run(
        `UPDATE merchant_payments SET status = $1, failure_code = $2, completed_at = $3
         WHERE id = $4 AND status = 'pending' AND settling_until = $5`,
        [settled.status, failure, BigInt(settled.at), payment.id, lease],
      );
      if (changed === 0) return false;
      let notifyUrl: string | null = null;
      if (payment.orderId !== null) {
        const order = await tx.get<{ notify_url: string | null }>(
          'SELECT notify_url FROM merchant_orders WHERE id = $1',
          [payment.orderId],
        );
        notifyUrl = order?.notify_url ?? null;
        // A failed payment gives the order back: the customer may pay it again (another way) until it expires.
        if (failure) {
          await tx.run(
            `UPDATE merchant_orders SET status = 'open', payment_id = NULL WHERE id = $1 AND payment_id = $2`,
            [payment.orderId, payment.id],
          );
        }
      }
      await announcePaymentOutcome(tx, { merchant, customer, notifyUrl, balance }, outcome, settled.at);
      return true;
      // As for P2P: a completed outcome is rebuilt from the durable ledger after a power cut; a refusal is not.
    },
    { durable: failure !== null },
  );
  return recorded ? settled : storedOutcome(ctx, payment.id);
}

/** The outcome another settler recorded (its lease replaced ours); undefined while it is still pending. */
async function storedOutcome(ctx: DomainContext, id: string): Promise<MerchantSettled | undefined> {
  const stored = await findMerchantPayment(ctx.db, id);
  if (!stored || stored.status === 'pending') return undefined;
  const failure = (stored.failureCode as MerchantSettleError | null) ?? null;
  return { status: stored.status, failure, at: stored.completedAt ?? ctx.clock() };
}

/**
 * Settles one pending payment whose settler is gone (its parties read again); 'busy' while another attempt
 * holds the lease, undefined when the ledger is busy.
 */
export async function settlePendingMerchantPayment(
  ctx: DomainContext,
  payment: MerchantPayment,
): Promise<MerchantSettled | 'busy' | undefined> {
  const customer = await findCustomer(ctx.db, payment.customerId);
  const merchant = await findMerchant(ctx.db, payment.merchantId);
  if (!customer || !merchant) return undefined;
  const lease = await claimLease(ctx, 'merchant_payments', payment.id);
  if (lease === undefined) return 'busy';
  return settleMerchantPayment(ctx, payment, { customer, merchant }, lease);
}

/** Settles merchant payments left pending by a crash or a busy ledger (older than `minAgeMs`). */
export function settleStaleMerchantPayments(ctx: DomainContext, minAgeMs: number): Promise<number> {
  return settleStale(ctx, 'merchant_payments', minAgeMs, async (id) => {
    const payment = await findMerchantPayment(ctx.db, id);
    const outcome = payment && (await settlePendingMerchantPayment(ctx, payment));
    return outcome !== undefined && outcome !== 'busy';
  });
}
