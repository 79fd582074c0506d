// The customer's SMS about cash at an agent: a cash-out asked for, cash-in credited, cash-out debited; once each.

import { formatAmountForDisplay } from '../../money/index.js';
import { localClock } from '../calendar.js';
import type { DomainContext } from '../context.js';
import type { Customer } from '../customers/customer.js';
import { notifyCustomer } from '../notifications/notify.js';
import { walletBalance } from '../wallets/accounts.js';
import type { Disbursement } from './disbursement.js';

/** Tells the customer about the cash-in or cash-out by SMS (once per movement: keyed by its transfer). */
export async function notifyCashMovement(
  ctx: DomainContext,
  customer: Customer,
  movement: Disbursement,
  agent: string,
): Promise<void> {
  const { currency } = movement;
  const display = (value: bigint) => formatAmountForDisplay({ value, currency }, customer.locale);
  const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
  const kind = movement.kind === 'deposit' ? 'credit' : 'debit';
  await ctx.db.transaction((tx) =>
    notifyCustomer(
      tx,
      customer,
      `${movement.transferBase}:${kind}`,
      {
        kind,
        amount: display(movement.amount),
        counterparty: agent,
        balance: display(balance),
        reference: movement.id,
      },
      ctx.clock(),
    ),
  );
}

/** Tells the customer an agent asks to cash out (once per request), and until when to answer in the app. */
export async function notifyCashOutRequest(
  ctx: DomainContext,
  customer: Customer,
  request: Disbursement,
  agent: string,
): Promise<void> {
  const expiresAt = localClock(request.expiresAt ?? 0, ctx.settings.timeZone).time;
  const amount = formatAmountForDisplay(
    { value: request.amount, currency: request.currency },
    customer.locale,
  );
  await ctx.db.transaction((tx) =>
    notifyCustomer(
      tx,
      customer,
      `${request.id}:request`,
      { kind: 'cash_out_request', agent, amount, expiresAt },
      ctx.clock(),
    ),
  );
}
