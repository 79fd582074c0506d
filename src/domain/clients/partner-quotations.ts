// GSMA quotations: what a transaction would cost and deliver, priced with the operator's tariffs (nothing is held).
import { parsePositiveAmount } from '../../money/index.js';
import type { DomainContext } from '../context.js';
import { newId } from '../ids.js';
import { findMerchant } from '../merchants/merchant-queries.js';
import { merchantFee } from '../risk/merchant-fees.js';
import { quoteFee } from '../risk/tariff.js';
import { identifierOf, walletOf } from './partner-parties.js';
import type { PartyIdentifier, TransactionFailure } from './partner-transaction.js';

export interface QuotationRequest {
  type: string;
  amount: string;
  debitParty: PartyIdentifier[];
  creditParty: PartyIdentifier[];
}

export interface Quotation {
  reference: string;
  quoteId: string;
  sending: bigint;
  receiving: bigint;
  /** Who pays the fee: the sender on top of the amount, or the receiver out of it. */
  fee: { amount: bigint; type: string };
  expiresAt: number;
}

export type QuotationResult =
  | { ok: true; quotation: Quotation }
  | { ok: false; error: TransactionFailure; field?: string };

/**
 * A transfer is priced by the P2P tariff (the payee must have a wallet); a merchant payment by the merchant's
 * discount rate, which the merchant pays out of the amount; other types carry no fee.
 */
export async function quote(ctx: DomainContext, request: QuotationRequest): Promise<QuotationResult> {
  const parsed = parsePositiveAmount(request.amount, ctx.settings.currency);
  if (!parsed.ok) return { ok: false, error: 'amount_invalid' };
  const amount = parsed.amount.value;
  let fee = { amount: 0n, type: 'none' };
  let receiving = amount;
  if (request.type === 'transfer') {
    const payee = await walletOf(ctx, request.creditParty, 'creditParty');
    if (!payee.ok) return payee;
    const priced = quoteFee(ctx.settings.p2pTariff, amount);
    if (!priced.ok) return { ok: false, error: 'amount_invalid' };
    fee = {
      amount: priced.fee,
      type: priced.payer === 'sender' ? 'transfer fee (sender)' : 'transfer fee (receiver)',
    };
    receiving = priced.creditTotal;
  } else if (request.type === 'merchantpay') {
    const named = identifierOf(request.creditParty, 'accountid', 'creditParty');
    if (!named.ok) return named;
    const merchant = await findMerchant(ctx.db, named.value);
    if (merchant?.status !== 'active') return { ok: false, error: 'account_not_found', field: 'creditParty' };
    fee = {
      amount: merchantFee(ctx.settings.merchants.fees, merchant.mcc, amount),
      type: 'merchant discount (receiver)',
    };
    receiving = amount - fee.amount;
  }
  const id = newId('quo');
  return {
    ok: true,
    quotation: {
      reference: id,
      quoteId: id,
      sending: amount,
      receiving,
      fee,
      expiresAt: ctx.clock() + ctx.settings.quoteTtlMs,
    },
  };
}
