// The ledger chains of merchant payments: payment with its discount fee, refund, and staff reversal.
import type { TransferInput } from '../../ledger/types.js';
import type { CurrencyCode } from '../../money/index.js';
import { ledgerOf, operatorAccountId, TransferCode } from '../wallets/accounts.js';
import { link } from './p2p-transfers.js';

interface Movement {
  transferBase: bigint;
  amount: bigint;
  fee: bigint;
  currency: CurrencyCode;
}

type Parties = { wallet: bigint; merchant: bigint };

/** Wallet → merchant, then merchant → fee revenue: one all-or-nothing chain. */
export function merchantPaymentTransfers(payment: Movement, parties: Parties): TransferInput[] {
  const ledger = ledgerOf(payment.currency);
  const transfers: TransferInput[] = [
    {
      id: payment.transferBase,
      debitAccountId: parties.wallet,
      creditAccountId: parties.merchant,
      amount: payment.amount,
      ledger,
      code: TransferCode.merchantPayment,
    },
  ];
  if (payment.fee > 0n) {
    transfers.push({
      id: payment.transferBase + 1n,
      debitAccountId: parties.merchant,
      creditAccountId: operatorAccountId('feeRevenue', payment.currency),
      amount: payment.fee,
      ledger,
      code: TransferCode.merchantFee,
    });
  }
  return link(transfers);
}

/**
 * A refund or staff reversal: the share of the merchant's fee it undoes goes back from fee revenue to the
 * merchant, then the amount goes from the merchant to the wallet, as one all-or-nothing chain.
 */
export function refundTransfers(
  refund: Movement,
  parties: Parties,
  kind: 'refund' | 'reversal',
): TransferInput[] {
  const ledger = ledgerOf(refund.currency);
  const transfers: TransferInput[] = [];
  if (refund.fee > 0n) {
    transfers.push({
      id: refund.transferBase + 1n,
      debitAccountId: operatorAccountId('feeRevenue', refund.currency),
      creditAccountId: parties.merchant,
      amount: refund.fee,
      ledger,
      code: TransferCode.feeReversal,
    });
  }
  transfers.push({
    id: refund.transferBase,
    debitAccountId: parties.merchant,
    creditAccountId: parties.wallet,
    amount: refund.amount,
    ledger,
    code: kind === 'refund' ? TransferCode.refund : TransferCode.reversal,
  });
  return link(transfers);
}

/** The part of a payment's fee undone once `refunded` of its amount is refunded (rounded down; all of it at the end). */
export function feeShare(payment: { amount: bigint; fee: bigint }, refunded: bigint): bigint {
  return (payment.fee * refunded) / payment.amount;
}
