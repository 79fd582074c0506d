// The ledger transfers of a P2P payment: direct to a wallet, held for an unregistered number, claimed, or returned.
import { TransferFlags, type TransferInput } from '../../ledger/types.js';
import { ledgerOf, operatorAccountId, TransferCode } from '../wallets/accounts.js';
import type { Payment } from './payment.js';

/** Offsets from a payment's transfer base: each related movement has its own stable id (idempotent retries). */
const Offset = { payment: 0n, fee: 1n, postPayment: 2n, postFee: 3n, release: 4n, releaseFee: 5n } as const;

type Wallets = { sender: bigint; recipient: bigint };

/** Marks every transfer but the last as linked: the chain commits all or nothing. */
export function link(transfers: TransferInput[]): TransferInput[] {
  return transfers.map((t, i) =>
    i < transfers.length - 1 ? { ...t, flags: (t.flags ?? 0) | TransferFlags.linked } : t,
  );
}

/** Payment to a registered wallet, with the fee, as one all-or-nothing chain. */
export function directTransfers(payment: Payment, wallets: Wallets): TransferInput[] {
  const { currency } = payment;
  const ledger = ledgerOf(currency);
  const base = payment.transferBase;
  const transfers: TransferInput[] = [
    {
      id: base + Offset.payment,
      debitAccountId: wallets.sender,
      creditAccountId: wallets.recipient,
      amount: payment.amount,
      ledger,
      code: TransferCode.p2p,
    },
  ];
  if (payment.fee > 0n) {
    transfers.push({
      id: base + Offset.fee,
      debitAccountId: payment.feePayer === 'sender' ? wallets.sender : wallets.recipient,
      creditAccountId: operatorAccountId('feeRevenue', currency),
      amount: payment.fee,
      ledger,
      code: TransferCode.p2pFee,
    });
  }
  return link(transfers);
}

/**
 * Payment to a number with no wallet: the whole amount (and a sender-paid fee) is reserved as
 * pending transfers that expire after `timeoutSeconds`, which voids them and returns the money.
 */
export function heldTransfers(
  payment: Payment,
  senderWallet: bigint,
  timeoutSeconds: number,
): TransferInput[] {
  const { currency } = payment;
  const ledger = ledgerOf(currency);
  const base = payment.transferBase;
  const transfers: TransferInput[] = [
    {
      id: base + Offset.payment,
      debitAccountId: senderWallet,
      creditAccountId: operatorAccountId('unclaimedHolding', currency),
      amount: payment.amount,
      ledger,
      code: TransferCode.p2p,
      flags: TransferFlags.pending,
      timeout: timeoutSeconds,
    },
  ];
  if (payment.fee > 0n && payment.feePayer === 'sender') {
    transfers.push({
      id: base + Offset.fee,
      debitAccountId: senderWallet,
      creditAccountId: operatorAccountId('feeRevenue', currency),
      amount: payment.fee,
      ledger,
      code: TransferCode.p2pFee,
      flags: TransferFlags.pending,
      timeout: timeoutSeconds,
    });
  }
  return link(transfers);
}

/** The new owner claims held money: post the pending transfers, then move it from holding into their wallet. */
export function claimTransfers(payment: Payment, recipientWallet: bigint): TransferInput[] {
  const { currency } = payment;
  const ledger = ledgerOf(currency);
  const base = payment.transferBase;
  const holding = operatorAccountId('unclaimedHolding', currency);
  const recipientPaysFee = payment.fee > 0n && payment.feePayer === 'recipient';
  const transfers: TransferInput[] = [
    {
      id: base + Offset.postPayment,
      pendingId: base + Offset.payment,
      amount: 0n,
      flags: TransferFlags.postPendingTransfer,
    },
  ];
  if (payment.fee > 0n && payment.feePayer === 'sender') {
    transfers.push({
      id: base + Offset.postFee,
      pendingId: base + Offset.fee,
      amount: 0n,
      flags: TransferFlags.postPendingTransfer,
    });
  }
  transfers.push({
    id: base + Offset.release,
    debitAccountId: holding,
    creditAccountId: recipientWallet,
    amount: payment.amount - (recipientPaysFee ? payment.fee : 0n),
    ledger,
    code: TransferCode.claim,
  });
  if (recipientPaysFee) {
    transfers.push({
      id: base + Offset.releaseFee,
      debitAccountId: holding,
      creditAccountId: operatorAccountId('feeRevenue', currency),
      amount: payment.fee,
      ledger,
      code: TransferCode.p2pFee,
    });
  }
  return link(transfers);
}

/** The transfer whose pending state tells whether held money was claimed, returned or still waits. */
export function heldTransferId(payment: Payment): bigint {
  return payment.transferBase + Offset.payment;
}

/** The payment a ledger transfer belongs to: its base id (the low 4 bits cleared). */
export function transferBaseOf(transferId: bigint): bigint {
  return transferId & ~0xfn;
}
