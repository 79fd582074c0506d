// Refunds (full or partial, never above what was paid) and staff reversals of merchant payments, back to the wallet.

import type { CreateTransferResult } from '../../ledger/types.js';
import { formatAmountForDisplay, parsePositiveAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { findCustomer } from '../customers/customer-queries.js';
import { newId, newTransferBase } from '../ids.js';
import type { Merchant } from '../merchants/merchant.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { notifyCustomer } from '../notifications/notify.js';
import { walletBalance } from '../wallets/accounts.js';
import { queueMerchantEvent } from './merchant-notices.js';
import type { MerchantPayment } from './merchant-payment.js';
import { findMerchantPayment } from './merchant-payment-queries.js';
import {
  REFUND_COLUMNS,
  type Refund,
  type RefundKind,
  type RefundRow,
  refundFromRow,
  refundView,
} from './merchant-refund.js';
import { chainFailureOf } from './merchant-settle.js';
import { feeShare, refundTransfers } from './merchant-transfers.js';
import { claimLease, newLease, releaseLease, settleStale } from './settlement-lease.js';

export type RefundError =
  | 'payment_not_found'
  | 'payment_not_refundable'
  | 'refund_exceeds_payment'
  | 'invalid_amount'
  | 'invalid_reason'
  | 'idempotency_conflict'
  | 'idempotency_in_progress'
  | 'reversal_window_passed'
  | 'merchant_insufficient_funds'
  | 'account_closed'
  | 'service_unavailable';

export type RefundResult = { ok: true; refund: Refund } | { ok: false; error: RefundError; refund?: Refund };

async function findRefundByKey(ctx: DomainContext, scope: string, key: string): Promise<Refund | undefined> {
  const row = await ctx.db.get<RefundRow>(
    `SELECT ${REFUND_COLUMNS} FROM merchant_refunds WHERE idempotency_scope = $1 AND idempotency_key = $2`,
    [scope, key],
  );
  return row && refundFromRow(row);
}

export async function findRefund(ctx: DomainContext, id: string): Promise<Refund | undefined> {
  const row = await ctx.db.get<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM merchant_refunds WHERE id = $1`, [
    id,
  ]);
  return row && refundFromRow(row);
}

export async function listRefunds(ctx: DomainContext, paymentId: string): Promise<Refund[]> {
  const rows = await ctx.db.all<RefundRow>(
    `SELECT ${REFUND_COLUMNS} FROM merchant_refunds WHERE payment_id = $1 ORDER BY created_at, id`,
    [paymentId],
  );
  return rows.map(refundFromRow);
}

const FAILURES: Partial<Record<CreateTransferResult, RefundError>> = {
  exceeds_credits: 'merchant_insufficient_funds',
  // The customer closed their wallet, or the merchant was closed: a closed ledger account takes nothing more.
  account_closed: 'account_closed',
};

interface RefundAsk {
  kind: RefundKind;
  amount: bigint;
  reason: string;
  scope: string;
  key: string;
  hash: string;
  actor: string;
}

/** A merchant refunds part or all of a completed payment (idempotent under the merchant's key). */
export async function refundPayment(
  ctx: DomainContext,
  merchant: Merchant,
  paymentId: string,
  request: { amount: string; reason: string; idempotencyKey: string; actor: string },
): Promise<RefundResult> {
  const amount = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount' };
  if (!/^[^\p{C}]{1,200}$/u.test(request.reason)) return { ok: false, error: 'invalid_reason' };
  const payment = await findMerchantPayment(ctx.db, paymentId);
  if (!payment || payment.merchantId !== merchant.id) return { ok: false, error: 'payment_not_found' };
  return applyRefund(ctx, merchant, payment, {
    kind: 'refund',
    amount: amount.amount.value,
    reason: request.reason,
    scope: `merchant:${merchant.id}`,
    key: request.idempotencyKey,
    hash: JSON.stringify(['refund', paymentId, amount.amount.value.toString(), request.reason]),
    actor: request.actor,
  });
}

/** Staff undo a whole payment (fee included) within the reversal window, if nothing was refunded; audited. */
export async function reversePayment(
  ctx: DomainContext,
  paymentId: string,
  request: { actor: string; reason: string },
): Promise<RefundResult> {
  if (!/^[^\p{C}]{1,200}$/u.test(request.reason)) return { ok: false, error: 'invalid_reason' };
  const payment = await findMerchantPayment(ctx.db, paymentId);
  if (!payment) return { ok: false, error: 'payment_not_found' };
  const merchant = await findMerchant(ctx.db, payment.merchantId);
  if (!merchant) return { ok: false, error: 'payment_not_found' };
  const existing = await findRefundByKey(ctx, 'staff', `reversal:${paymentId}`);
  if (!existing && ctx.clock() - payment.createdAt > ctx.settings.merchants.reversalWindowMs) {
    return { ok: false, error: 'reversal_window_passed' };
  }
  if (!existing && payment.refunded > 0n) return { ok: false, error: 'payment_not_refundable' };
  return applyRefund(ctx, merchant, payment, {
    kind: 'reversal',
    amount: payment.amount,
    reason: request.reason,
    scope: 'staff',
    key: `reversal:${paymentId}`,
    hash: JSON.stringify(['reversal', paymentId]),
    actor: request.actor,
  });
}

async function applyRefund(
  ctx: DomainContext,
  merchant: Merchant,
  payment: MerchantPayment,
  ask: RefundAsk,
): Promise<RefundResult> {
  const existing = await findRefundByKey(ctx, ask.scope, ask.key);
  if (existing) {
    if (existing.requestHash !== ask.hash) return { ok: false, error: 'idempotency_conflict' };
    if (existing.status !== 'pending') return answer(existing);
    const lease = await claimLease(ctx, 'merchant_refunds', existing.id);
    if (lease === undefined) return { ok: false, error: 'idempotency_in_progress' };
    return settleRefund(ctx, merchant, payment, existing, lease);
  }
  if (payment.status !== 'completed') return { ok: false, error: 'payment_not_refundable' };
  const now = ctx.clock();
  const refund: Refund = {
    id: newId(ask.kind === 'refund' ? 'ref' : 'rev'),
    paymentId: payment.id,
    merchantId: merchant.id,
    kind: ask.kind,
    amount: ask.amount,
    feeRefund: 0n,
    reason: ask.reason,
    scope: ask.scope,
    key: ask.key,
    requestHash: ask.hash,
    transferBase: newTransferBase(),
    requestedBy: ask.actor,
    status: 'pending',
    failureCode: null,
    createdAt: now,
    completedAt: null,
  };
  const lease = newLease(now);
  const recorded = await ctx.db
    .transaction(async (tx) => {
      // The sum of refunds never passes the amount paid: one conditional update, safe under any concurrency.
      const reserved = await tx.get<{ refunded: bigint; fee_refunded: bigint }>(
        `UPDATE merchant_payments SET refunded = refunded + $1
         WHERE id = $2 AND status = 'completed' AND refunded + $1 <= amount RETURNING refunded, fee_refunded`,
        [refund.amount, payment.id],
      );
      if (!reserved) return 'refund_exceeds_payment' as const;
      // The fee given back so far is counted, not recomputed: a failed refund in between cannot make the
      // rounded shares add up to more than the fee.
      const owed = feeShare(payment, BigInt(reserved.refunded)) - BigInt(reserved.fee_refunded);
      refund.feeRefund = owed > 0n ? owed : 0n;
      await tx.run('UPDATE merchant_payments SET fee_refunded = fee_refunded + $1 WHERE id = $2', [
        refund.feeRefund,
        payment.id,
      ]);
      const inserted = await tx.run(
        `INSERT INTO merchant_refunds (${REFUND_COLUMNS}, settling_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', NULL, $13, NULL, $14)
         ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING`,
        [
          refund.id,
          refund.paymentId,
          refund.merchantId,
          refund.kind,
          refund.amount,
          refund.feeRefund,
          refund.reason,
          refund.scope,
          refund.key,
          refund.requestHash,
          refund.transferBase.toString(),
          refund.requestedBy,
          BigInt(now),
          lease,
        ],
      );
      if (inserted === 0) throw new KeyTaken();
      await recordAudit(
        tx,
        {
          actor: ask.actor,
          action: `merchant_payment.${ask.kind}`,
          subject: `merchant_payment:${payment.id}`,
          details: { refund: refund.id, amount: refund.amount.toString(), reason: ask.reason },
        },
        now,
      );
      return 'recorded' as const;
    })
    .catch((error: unknown) => {
      if (error instanceof KeyTaken) return 'idempotency_in_progress' as const;
      throw error;
    });
  if (recorded !== 'recorded') return { ok: false, error: recorded };
  return settleRefund(ctx, merchant, payment, refund, lease);
}

class KeyTaken extends Error {}

function answer(refund: Refund): RefundResult {
  if (refund.status === 'failed') {
    return { ok: false, error: (refund.failureCode ?? 'service_unavailable') as RefundError, refund };
  }
  return { ok: true, refund };
}

/**
 * Moves a recorded refund's money (idempotent transfer ids) and records the outcome with its notices, holding
 * the refund's settlement lease; if the lease was lost meanwhile, answers what its new holder recorded.
 */
async function settleRefund(
  ctx: DomainContext,
  merchant: Merchant,
  payment: MerchantPayment,
  refund: Refund,
  lease: bigint,
): Promise<RefundResult> {
  const customer = await findCustomer(ctx.db, payment.customerId);
  if (!customer) return { ok: false, error: 'service_unavailable' };
  const transfers = refundTransfers(
    {
      transferBase: refund.transferBase,
      amount: refund.amount,
      fee: refund.feeRefund,
      currency: payment.currency,
    },
    { wallet: customer.walletAccountId, merchant: merchant.accountId },
    refund.kind,
  );
  const submitted = await ctx.ledger.createTransfers(transfers);
  if (!submitted.ok) {
    await releaseLease(ctx, 'merchant_refunds', refund.id, lease);
    return { ok: false, error: 'service_unavailable' };
  }
  const failure = chainFailureOf(submitted.results, FAILURES, 'refund');
  const now = ctx.clock();
  const outcome: Refund = {
    ...refund,
    status: failure ? 'failed' : 'completed',
    failureCode: failure,
    completedAt: now,
  };
  const balance = failure ? undefined : await walletBalance(ctx.ledger, customer.walletAccountId);
  const recorded = await ctx.db.transaction(
    async (tx) => {
      const changed = await tx.run(
        `UPDATE merchant_refunds SET status = $1, failure_code = $2, completed_at = $3
         WHERE id = $4 AND status = 'pending' AND settling_until = $5`,
        [outcome.status, failure, BigInt(now), refund.id, lease],
      );
      if (changed === 0) return false;
      if (failure) {
        // Nothing moved: the amount reserved for this refund is free to refund again.
        await tx.run(
          'UPDATE merchant_payments SET refunded = refunded - $1, fee_refunded = fee_refunded - $2 WHERE id = $3',
          [refund.amount, refund.feeRefund, payment.id],
        );
      } else if (refund.kind === 'reversal') {
        await tx.run(`UPDATE merchant_payments SET status = 'reversed' WHERE id = $1`, [payment.id]);
      }
      const view = refundView(outcome, payment.currency);
      await queueMerchantEvent(
        tx,
        merchant,
        {
          id: refund.id,
          type: failure
            ? 'refund.failed'
            : refund.kind === 'refund'
              ? 'refund.succeeded'
              : 'payment.reversed',
          notifyUrl: null,
          data: { refund: view },
        },
        now,
      );
      if (balance === undefined) return;
      const display = (value: bigint) =>
        formatAmountForDisplay({ value, currency: payment.currency }, customer.locale);
      await notifyCustomer(
        tx,
        customer,
        `${refund.id}:credit`,
        {
          kind: 'refund',
          amount: display(refund.amount),
          counterparty: merchant.name,
          balance: display(balance),
          reference: refund.id,
        },
        now,
      );
      return true;
    },
    { durable: failure !== null },
  );
  if (recorded) return answer(outcome);
  const stored = await findRefundByKey(ctx, refund.scope, refund.key);
  return stored && stored.status !== 'pending'
    ? answer(stored)
    : { ok: false, error: 'idempotency_in_progress' };
}

/** Settles refunds left pending by a crash or a busy ledger (older than `minAgeMs`). */
export function settleStaleRefunds(ctx: DomainContext, minAgeMs: number): Promise<number> {
  return settleStale(ctx, 'merchant_refunds', minAgeMs, async (id) => {
    const row = await ctx.db.get<RefundRow>(`SELECT ${REFUND_COLUMNS} FROM merchant_refunds WHERE id = $1`, [
      id,
    ]);
    const refund = row && refundFromRow(row);
    const payment = refund && (await findMerchantPayment(ctx.db, refund.paymentId));
    const merchant = refund && (await findMerchant(ctx.db, refund.merchantId));
    const lease = refund && payment && merchant && (await claimLease(ctx, 'merchant_refunds', refund.id));
    return Boolean(
      refund &&
        payment &&
        merchant &&
        lease &&
        (await settleRefund(ctx, merchant, payment, refund, lease)).ok,
    );
  });
}
