// Moves a recorded P2P payment's money in the ledger and records the outcome with its notifications.

import type { CreateTransferResult } from '../../ledger/types.js';
import { formatAmountForDisplay } from '../../money/index.js';
import { localClock } from '../calendar.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { maskName, maskPhone } from '../customers/masking.js';
import { customerSms } from '../notifications/notify.js';
import { enqueueAllSms, type OutgoingSms } from '../notifications/outbox.js';
import { walletBalances } from '../wallets/accounts.js';
import { directTransfers, heldTransfers } from './p2p-transfers.js';
import type { Payment, PaymentStatus } from './payment.js';
import { findPaymentById } from './payment-queries.js';
import { claimLease, releaseLease, settleStale } from './settlement-lease.js';

export type SettleError = 'insufficient_funds' | 'recipient_unavailable' | 'service_unavailable';

/** Where a recorded payment stands after its ledger step. */
export type Settled = { status: PaymentStatus; failure: SettleError | null; at: number };

const FAILURES: Partial<Record<CreateTransferResult, SettleError>> = {
  exceeds_credits: 'insufficient_funds',
  account_closed: 'recipient_unavailable',
  overflows_credits: 'recipient_unavailable',
};

/** The first real failure of a linked chain (the others only say the chain failed). */
function chainFailure(results: CreateTransferResult[]): SettleError | undefined {
  const failed = results.filter((r) => r !== 'ok' && r !== 'exists' && r !== 'linked_event_failed');
  if (failed.length === 0) return undefined;
  const [first] = failed;
  const mapped = first && FAILURES[first];
  if (!mapped) throw new Error(`p2p transfer refused by the ledger: ${failed.join(', ')}`);
  return mapped;
}

/**
 * Submits the payment's transfers (idempotent: a retry after a crash finds them `exists`) and
 * records the outcome. Returns undefined when the ledger could not take the work right now: the
 * payment stays pending and nothing has moved.
 */
export async function settlePayment(
  ctx: DomainContext,
  payment: Payment,
  sender: Customer,
  recipient: Customer | undefined,
  lease: bigint,
): Promise<Settled | undefined> {
  const timeoutSeconds = Math.ceil(ctx.settings.claimTtlMs / 1000);
  const transfers = recipient
    ? directTransfers(payment, { sender: sender.walletAccountId, recipient: recipient.walletAccountId })
    : heldTransfers(payment, sender.walletAccountId, timeoutSeconds);
  const submitted = await ctx.ledger.createTransfers(transfers);
  if (!submitted.ok) {
    await releaseLease(ctx, 'payments', payment.id, lease);
    return undefined;
  }
  const failure = chainFailure(submitted.results) ?? null;
  const status: PaymentStatus = failure ? 'failed' : recipient ? 'completed' : 'awaiting_claim';
  const settled = { status, failure, at: ctx.clock() };
  if (await recordOutcome(ctx, payment, settled, { sender, recipient, lease })) return settled;
  // Another attempt took the lease over (ours ran out) and records its outcome: answer what it recorded.
  const stored = await findPaymentById(ctx.db, payment.id);
  if (!stored || stored.status === 'pending') return undefined;
  return {
    status: stored.status,
    failure: stored.failureCode as SettleError | null,
    at: stored.completedAt ?? settled.at,
  };
}

/** Records the outcome if this attempt still holds the payment's settlement lease; false if it lost it. */
async function recordOutcome(
  ctx: DomainContext,
  payment: Payment,
  settled: Settled,
  parties: { sender: Customer; recipient: Customer | undefined; lease: bigint },
): Promise<boolean> {
  const { sender, recipient } = parties;
  const now = settled.at;
  const moved = settled.failure === null;
  const balances = moved ? await partyBalances(ctx, sender, recipient) : undefined;
  return ctx.db.transaction(
    async (tx) => {
      const changed = await tx.run(
        `UPDATE payments SET status = $1, failure_code = $2, completed_at = $3
         WHERE id = $4 AND status = 'pending' AND settling_until = $5`,
        [settled.status, settled.failure, BigInt(now), payment.id, parties.lease],
      );
      if (changed === 0) return false;
      if (!balances) return true;
      await enqueueAllSms(tx, outcomeMessages(ctx, payment, { sender, recipient }, balances, now), now);
      return true;
      // A completed outcome lost in a power cut is rebuilt by settleStalePayments from the (durable) ledger, so
      // it need not wait for the disk. A refusal must: the ledger keeps no trace of refused transfers, and a
      // lost "failed" would let recovery pay later what the client was told was refused.
    },
    { durable: settled.failure !== null },
  );
}

/** The SMS a completed payment sends: the debit to the sender, and the credit (or a claim invitation) to the recipient. */
function outcomeMessages(
  ctx: DomainContext,
  payment: Payment,
  parties: { sender: Customer; recipient: Customer | undefined },
  balances: { sender: bigint; recipient: bigint | undefined },
  now: number,
): OutgoingSms[] {
  const { sender, recipient } = parties;
  const display = (value: bigint, who: Customer) =>
    formatAmountForDisplay({ value, currency: payment.currency }, who.locale);
  const debit = customerSms(sender, `${payment.id}:debit`, {
    kind: 'debit',
    amount: display(payment.amount + (payment.feePayer === 'sender' ? payment.fee : 0n), sender),
    counterparty: maskPhone(payment.recipientPhone),
    balance: display(balances.sender, sender),
    reference: payment.id,
  });
  const toRecipient: OutgoingSms = recipient
    ? customerSms(recipient, `${payment.id}:credit`, {
        kind: 'credit',
        amount: display(payment.amount - (payment.feePayer === 'recipient' ? payment.fee : 0n), recipient),
        counterparty: sender.name ? maskName(sender.name) : maskPhone(sender.phone),
        balance: display(balances.recipient ?? 0n, recipient),
        reference: payment.id,
      })
    : {
        id: `${payment.id}:incoming`,
        customerId: null,
        phone: payment.recipientPhone,
        locale: sender.locale,
        message: {
          kind: 'incoming_unclaimed',
          amount: display(payment.amount, sender),
          sender: maskPhone(sender.phone),
          expiresAt: localClock(payment.claimExpiresAt ?? now, ctx.settings.timeZone).date,
          claimHint: 'mwallet',
        },
      };
  return [debit, toRecipient];
}

/** The wallet balances the notifications show, read in one lookup. */
async function partyBalances(
  ctx: DomainContext,
  sender: Customer,
  recipient: Customer | undefined,
): Promise<{ sender: bigint; recipient: bigint | undefined }> {
  const ids = recipient ? [sender.walletAccountId, recipient.walletAccountId] : [sender.walletAccountId];
  const [senderBalance = 0n, recipientBalance] = await walletBalances(ctx.ledger, ids);
  return { sender: senderBalance, recipient: recipientBalance };
}

/**
 * Settles one pending payment whose settler is gone (its parties read again); 'busy' while another attempt
 * holds its lease, undefined when the ledger is busy.
 */
export async function settlePending(
  ctx: DomainContext,
  payment: Payment,
): Promise<Settled | 'busy' | undefined> {
  const sender = await findCustomer(ctx.db, payment.customerId);
  const recipient = payment.recipientCustomerId
    ? await findCustomer(ctx.db, payment.recipientCustomerId)
    : undefined;
  if (!sender) return undefined;
  const lease = await claimLease(ctx, 'payments', payment.id);
  if (lease === undefined) return 'busy';
  return settlePayment(ctx, payment, sender, recipient, lease);
}

/** Settles payments left pending by a crash or an overloaded ledger (older than `minAgeMs`). */
export function settleStalePayments(ctx: DomainContext, minAgeMs: number): Promise<number> {
  return settleStale(ctx, 'payments', minAgeMs, async (id) => {
    const payment = await findPaymentById(ctx.db, id);
    const outcome = payment && (await settlePending(ctx, payment));
    return outcome !== undefined && outcome !== 'busy';
  });
}
