// Operator issuance of e-money into a wallet (until funding arrives): trust mirror → wallet, audited.
import { createHash } from 'node:crypto';
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
  /** The reference was already used for another wallet or amount. */
  | 'reference_reused'
  /** The wallet is closed, or being closed: its ledger account takes nothing. */
  | 'wallet_closed'
  | 'service_unavailable';

export type IssueResult =
  | { ok: true; transferId: bigint; customerId: string; balance: bigint; alreadyIssued: boolean }
  | { ok: false; error: IssueError; detail?: string };

/**
 * A ledger id derived from the operator's reference for one kind of funding (`issuance`, `agent-float`): its own
 * id space (bit 126 set, bit 127 clear), so funding again under the same reference finds the first transfer.
 */
export function referenceTransferId(namespace: string, reference: string): bigint {
  const digest = BigInt(
    `0x${createHash('sha256').update(`${namespace}:${reference}`).digest('hex').slice(0, 32)}`,
  );
  return (digest & ((1n << 126n) - 1n)) | (1n << 126n);
}

export type TrustIssueResult =
  | { ok: true; existed: boolean }
  | { ok: false; error: 'reference_reused' | 'wallet_closed' | 'service_unavailable' };

/** Moves new e-money from the trust mirror into an account; the same transfer again (same id and fields) is `existed`. */
export async function issueFromTrust(
  ctx: DomainContext,
  transfer: { id: bigint; creditAccountId: bigint; amount: bigint; code: number },
): Promise<TrustIssueResult> {
  const { currency } = ctx.settings;
  const submitted = await ctx.ledger.createTransfers([
    {
      ...transfer,
      debitAccountId: operatorAccountId('trust', currency),
      ledger: ledgerOf(currency),
    },
  ]);
  if (!submitted.ok) return { ok: false, error: 'service_unavailable' };
  const [result] = submitted.results;
  if (result === 'exists_with_different_fields') return { ok: false, error: 'reference_reused' };
  if (result === 'account_closed') return { ok: false, error: 'wallet_closed' };
  if (result !== 'ok' && result !== 'exists') throw new Error(`issuance refused by the ledger: ${result}`);
  return { ok: true, existed: result === 'exists' };
}

export async function issueEMoney(
  ctx: DomainContext,
  request: {
    phone: string;
    amount: string;
    actor: string;
    reason: string;
    /** The operator's reference (e.g. the bank credit it mirrors): issuing again under it issues nothing more. */
    reference?: string;
  },
): Promise<IssueResult> {
  const { currency } = ctx.settings;
  const phone = normalizePhone(request.phone, ctx.settings.defaultRegion);
  if (!phone.ok) return phone;
  const amount = parsePositiveAmount(request.amount, currency);
  if (!amount.ok) return { ok: false, error: 'invalid_amount', detail: amount.error };
  const customer = await findCustomerByPhone(ctx.db, phone.e164);
  if (!customer) return { ok: false, error: 'customer_not_found' };
  const transferId =
    request.reference === undefined ? newTransferBase() : referenceTransferId('issuance', request.reference);
  const [earlier] = request.reference === undefined ? [] : await ctx.ledger.lookupTransfers([transferId]);
  if (earlier) {
    const same =
      earlier.amount === amount.amount.value && earlier.creditAccountId === customer.walletAccountId;
    if (!same) return { ok: false, error: 'reference_reused' };
    const balance = await walletBalance(ctx.ledger, customer.walletAccountId);
    return { ok: true, transferId, customerId: customer.id, balance, alreadyIssued: true };
  }
  const before = await walletBalance(ctx.ledger, customer.walletAccountId);
  if (!checkBalanceCap(ctx.settings.tiers[customer.tier], before + amount.amount.value).ok) {
    return { ok: false, error: 'balance_cap_exceeded' };
  }
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
  const issued = await issueFromTrust(ctx, {
    id: transferId,
    creditAccountId: customer.walletAccountId,
    amount: amount.amount.value,
    code: TransferCode.issuance,
  });
  if (!issued.ok) return issued;
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
  return { ok: true, transferId, customerId: customer.id, balance, alreadyIssued: issued.existed };
}
