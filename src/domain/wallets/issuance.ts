// Operator issuance of e-money into a wallet (until funding arrives): trust mirror → wallet, audited.
import { formatAmountForDisplay, parsePositiveAmount } from '../../money/index.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { findCustomerByPhone } from '../customers/customer-queries.js';
import { normalizePhone } from '../customers/phone.js';
import { newTransferBase } from '../ids.js';
import { notifyCustomer } from '../notifications/notify.js';
import { checkBalanceCap } from '../risk/tiers.js';
import { ledgerOf, operatorAccountId, TransferCode, walletBalance } from './accounts.js';

export type IssueError =
  | 'invalid_phone'
  | 'not_mobile'
  | 'invalid_amount'
  | 'customer_not_found'
  | 'balance_cap_exceeded'
  | 'service_unavailable';

export type IssueResult =
  | { ok: true; transferId: bigint; customerId: string; balance: bigint }
  | { ok: false; error: IssueError; detail?: string };

export async function issueEMoney(
  ctx: DomainContext,
  request: { phone: string; amount: string; actor: string; reason: string },
): Promise<IssueResult> {
  const { currency } = ctx.settings;
  const phone = normalizePhone(request.phone, ctx.settings.defaultRegion);
  if (!phone.ok) return phone;
  const amount = parsePositiveAmount(request.amount, currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const customer = await findCustomerByPhone(ctx.db, phone.e164);
  if (!customer) return { ok: false, error: 'customer_not_found' };
  const before = await walletBalance(ctx.ledger, customer.walletAccountId);
  if (!checkBalanceCap(ctx.settings.tiers[customer.tier], before + amount.amount.value).ok) {
    return { ok: false, error: 'balance_cap_exceeded' };
  }
  const transferId = newTransferBase();
  // The audit entry is written first: an issuance the ledger then refuses is still on record as attempted.
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'emoney.issue',
        subject: `customer:${customer.id}`,
        details: {
          amount: request.amount,
          currency,
          transferId: transferId.toString(),
          reason: request.reason,
        },
      },
      ctx.clock(),
    ),
  );
  const submitted = await ctx.ledger.createTransfers([
    {
      id: transferId,
      debitAccountId: operatorAccountId('trust', currency),
      creditAccountId: customer.walletAccountId,
      amount: amount.amount.value,
      ledger: ledgerOf(currency),
      code: TransferCode.issuance,
    },
  ]);
  if (!submitted.ok) return { ok: false, error: 'service_unavailable' };
  const [result] = submitted.results;
  if (result !== 'ok') throw new Error(`issuance refused by the ledger: ${result}`);
  const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
  const now = ctx.clock();
  const display = (value: bigint) => formatAmountForDisplay({ value, currency }, customer.locale);
  await ctx.db.transaction((tx) =>
    notifyCustomer(
      tx,
      customer,
      `${transferId}:credit`,
      {
        kind: 'credit',
        amount: display(amount.amount.value),
        counterparty: 'mwallet',
        balance: display(balance),
        reference: transferId.toString(),
      },
      now,
    ),
  );
  return { ok: true, transferId, customerId: customer.id, balance };
}
