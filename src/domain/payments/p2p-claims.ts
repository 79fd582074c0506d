// Money sent to an unregistered number: claimed into the new wallet on registration, or returned on expiry.
import { formatAmountForDisplay } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { findCustomer } from '../customers/customer-queries.js';
import { maskPhone } from '../customers/masking.js';
import { notifyCustomer } from '../notifications/notify.js';
import { walletBalance } from '../wallets/accounts.js';
import { claimTransfers, heldTransferId } from './p2p-transfers.js';
import { PAYMENT_COLUMNS, type Payment, type PaymentRow, paymentFromRow } from './payment.js';

async function awaitingClaim(ctx: DomainContext, where: string, param: string | bigint): Promise<Payment[]> {
  const rows = await ctx.db.all<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM payments WHERE status = 'awaiting_claim' AND ${where} ORDER BY created_at LIMIT 1000`,
    [param],
  );
  return rows.map(paymentFromRow);
}

/** Moves every payment waiting for this customer's number into their wallet; returns how many. */
export async function claimWaitingPayments(ctx: DomainContext, customer: Customer): Promise<number> {
  let claimed = 0;
  for (const payment of await awaitingClaim(ctx, 'recipient_phone = $1', customer.phone)) {
    const submitted = await ctx.ledger.createTransfers(claimTransfers(payment, customer.walletAccountId));
    if (!submitted.ok) continue;
    if (submitted.results.every((r) => r === 'ok' || r === 'exists')) {
      await markClaimed(ctx, payment, customer);
      claimed++;
    } else {
      await returnIfReleased(ctx, payment);
    }
  }
  return claimed;
}

async function markClaimed(ctx: DomainContext, payment: Payment, customer: Customer): Promise<void> {
  const now = ctx.clock();
  const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
  const received = payment.amount - (payment.feePayer === 'recipient' ? payment.fee : 0n);
  const display = (value: bigint) =>
    formatAmountForDisplay({ value, currency: payment.currency }, customer.locale);
  await ctx.db.transaction(async (tx) => {
    const changed = await tx.run(
      `UPDATE payments SET status = 'claimed', recipient_customer_id = $1, completed_at = $2
       WHERE id = $3 AND status = 'awaiting_claim'`,
      [customer.id, BigInt(now), payment.id],
    );
    if (changed === 0) return;
    await notifyCustomer(
      tx,
      customer,
      `${payment.id}:claimed`,
      {
        kind: 'credit',
        amount: display(received),
        counterparty: maskPhone((await findCustomer(tx, payment.customerId))?.phone ?? ''),
        balance: display(balance),
        reference: payment.id,
      },
      now,
    );
  });
}

/** Marks a held payment returned once the ledger has voided it (expired); tells the sender. */
async function returnIfReleased(ctx: DomainContext, payment: Payment): Promise<boolean> {
  const state = await ctx.ledger.pendingState(heldTransferId(payment));
  if (state !== 'expired' && state !== 'voided') return false;
  const sender = await findCustomer(ctx.db, payment.customerId);
  if (!sender) return false;
  const now = ctx.clock();
  const balance = await walletBalance(ctx.ledger, sender.walletAccountId);
  const display = (value: bigint) =>
    formatAmountForDisplay({ value, currency: payment.currency }, sender.locale);
  await ctx.db.transaction(async (tx) => {
    const changed = await tx.run(
      `UPDATE payments SET status = 'returned', completed_at = $1 WHERE id = $2 AND status = 'awaiting_claim'`,
      [BigInt(now), payment.id],
    );
    if (changed === 0) return;
    await notifyCustomer(
      tx,
      sender,
      `${payment.id}:returned`,
      {
        kind: 'unclaimed_returned',
        amount: display(payment.amount + (payment.feePayer === 'sender' ? payment.fee : 0n)),
        recipient: maskPhone(payment.recipientPhone),
        balance: display(balance),
      },
      now,
    );
  });
  return true;
}

/** Records as returned every held payment past its claim deadline that the ledger has voided; returns how many. */
export async function returnExpiredClaims(ctx: DomainContext): Promise<number> {
  let returned = 0;
  for (const payment of await awaitingClaim(ctx, 'claim_expires_at <= $1', BigInt(ctx.clock()))) {
    if (await returnIfReleased(ctx, payment)) returned++;
  }
  return returned;
}
