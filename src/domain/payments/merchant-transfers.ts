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

/** Merchant → wallet for a refund; the merchant's fee is not returned. */
export function refundTransfers(refund: Omit<Movement, 'fee'>, parties: Parties): TransferInput[] {
  return [
    {
      id: refund.transferBase,
      debitAccountId: parties.merchant,
      creditAccountId: parties.wallet,
      amount: refund.amount,
      ledger: ledgerOf(refund.currency),
      code: TransferCode.refund,
    },
  ];
}

/** A staff reversal undoes the whole payment: the fee back to the merchant, then the amount to the wallet. */
export function reversalTransfers(reversal: Movement, parties: Parties): TransferInput[] {
  const ledger = ledgerOf(reversal.currency);
  const transfers: TransferInput[] = [];
  if (reversal.fee > 0n) {
    transfers.push({
      id: reversal.transferBase + 1n,
      debitAccountId: operatorAccountId('feeRevenue', reversal.currency),
      creditAccountId: parties.merchant,
      amount: reversal.fee,
      ledger,
      code: TransferCode.feeReversal,
    });
  }
  transfers.push({
    id: reversal.transferBase,
    debitAccountId: parties.merchant,
    creditAccountId: parties.wallet,
    amount: reversal.amount,
    ledger,
    code: TransferCode.reversal,
  });
  return link(transfers);
}
