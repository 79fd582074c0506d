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
 * Submits the payment's chain (idempotent: a retry finds it `exists`) and records the outcome; undefined
 * when the ledger could not take the work now (the payment stays pending, nothing moved).
 */
export async function settleMerchantPayment(
  ctx: DomainContext,
  payment: MerchantPayment,
  parties: { customer: Customer; merchant: Merchant },
): Promise<MerchantSettled | undefined> {
  const { customer, merchant } = parties;
  const submitted = await ctx.ledger.createTransfers(
    merchantPaymentTransfers(payment, { wallet: customer.walletAccountId, merchant: merchant.accountId }),
  );
  if (!submitted.ok) return undefined;
  const failure = chainFailureOf(submitted.results, FAILURES, 'merchant payment');
  const settled: MerchantSettled = { status: failure ? 'failed' : 'completed', failure, at: ctx.clock() };
  const balance = failure ? undefined : await walletBalance(ctx.ledger, customer.walletAccountId);
  const outcome: MerchantPayment = {
    ...payment,
    status: settled.status,
    failureCode: failure,
    completedAt: settled.at,
  };
  await ctx.db.transaction(
    async (tx) => {
      const changed = await tx.run(
        `UPDATE merchant_payments SET status = $1, failure_code = $2, completed_at = $3 WHERE id = $4 AND status = 'pending'`,
        [settled.status, failure, BigInt(settled.at), payment.id],
      );
      if (changed === 0) return;
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
      // As for P2P: a completed outcome is rebuilt from the durable ledger after a power cut; a refusal is not.
    },
    { durable: failure !== null },
  );
  return settled;
}

/** Settles one pending payment, its parties read again; undefined when the ledger is busy. */
export async function settlePendingMerchantPayment(
  ctx: DomainContext,
  payment: MerchantPayment,
): Promise<MerchantSettled | undefined> {
  const customer = await findCustomer(ctx.db, payment.customerId);
  const merchant = await findMerchant(ctx.db, payment.merchantId);
  if (!customer || !merchant) return undefined;
  return settleMerchantPayment(ctx, payment, { customer, merchant });
}

/** Settles merchant payments left pending by a crash or a busy ledger (older than `minAgeMs`). */
export async function settleStaleMerchantPayments(ctx: DomainContext, minAgeMs: number): Promise<number> {
  const rows = await ctx.db.all<{ id: string }>(
    `SELECT id FROM merchant_payments WHERE status = 'pending' AND created_at < $1 ORDER BY created_at LIMIT 1000`,
    [BigInt(ctx.clock() - minAgeMs)],
  );
  let settled = 0;
  for (const row of rows) {
    const payment = await findMerchantPayment(ctx.db, row.id);
    if (payment && (await settlePendingMerchantPayment(ctx, payment))) settled++;
  }
  return settled;
}
