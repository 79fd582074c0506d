// Maps SQLite rows (safe-integer mode: INTEGER columns arrive as bigint) to ledger records and back.

import { expiresAt } from '../../ledger/ledger-view.js';
import type { Account, Transfer } from '../../ledger/types.js';
import { bytesToId, i64ToU64, idToBytes, u64ToI64 } from '../id-codec.js';

/** The stored columns of an account, in AccountRow order; `no` (the internal number) is selected last. */
export const ACCOUNT_COLUMNS =
  'id, ledger, code, flags, user_data_128, user_data_64, user_data_32, debits_pending, debits_posted, credits_pending, credits_posted, timestamp';
export const SELECT_ACCOUNT = `SELECT ${ACCOUNT_COLUMNS}, no FROM accounts`;

/** Transfers store account numbers; reading them back joins the accounts' ids (alias `t` for filters). */
export const SELECT_TRANSFER = `SELECT t.id, da.id, ca.id, t.amount, t.pending_id, t.user_data_128, t.user_data_64,
  t.user_data_32, t.timeout, t.ledger, t.code, t.flags, t.timestamp
  FROM transfers t JOIN accounts da ON da.no = t.debit_account_no JOIN accounts ca ON ca.no = t.credit_account_no`;
export const INSERT_TRANSFER_COLUMNS =
  'id, debit_account_no, credit_account_no, amount, pending_id, user_data_128, user_data_64, user_data_32, timeout, ledger, code, flags, timestamp, expires_at';

type Int = bigint;
export type AccountRow = [Buffer, Int, Int, Int, Buffer, Int, Int, Int, Int, Int, Int, Int, Int];
export type TransferRow = [
  Buffer,
  Buffer,
  Buffer,
  Int,
  Buffer | null,
  Buffer,
  Int,
  Int,
  Int,
  Int,
  Int,
  Int,
  Int,
];

/** The internal number of the account in an AccountRow. */
export function accountNo(r: AccountRow): bigint {
  return r[12];
}

export function accountFromRow(r: AccountRow): Account {
  return {
    id: bytesToId(r[0]),
    ledger: Number(r[1]),
    code: Number(r[2]),
    flags: Number(r[3]),
    userData128: bytesToId(r[4]),
    userData64: i64ToU64(r[5]),
    userData32: Number(r[6]),
    debitsPending: r[7],
    debitsPosted: r[8],
    creditsPending: r[9],
    creditsPosted: r[10],
    timestamp: r[11],
  };
}

export function accountToRow(a: Account): unknown[] {
  return [
    idToBytes(a.id),
    a.ledger,
    a.code,
    a.flags,
    idToBytes(a.userData128),
    u64ToI64(a.userData64),
    a.userData32,
    a.debitsPending,
    a.debitsPosted,
    a.creditsPending,
    a.creditsPosted,
    a.timestamp,
  ];
}

export function transferFromRow(r: TransferRow): Transfer {
  return {
    id: bytesToId(r[0]),
    debitAccountId: bytesToId(r[1]),
    creditAccountId: bytesToId(r[2]),
    amount: r[3],
    pendingId: r[4] ? bytesToId(r[4]) : 0n,
    userData128: bytesToId(r[5]),
    userData64: i64ToU64(r[6]),
    userData32: Number(r[7]),
    timeout: Number(r[8]),
    ledger: Number(r[9]),
    code: Number(r[10]),
    flags: Number(r[11]),
    timestamp: r[12],
  };
}

/** Values for INSERT_TRANSFER_COLUMNS, given the internal numbers of the transfer's accounts. */
export function transferToRow(t: Transfer, debitNo: bigint, creditNo: bigint): unknown[] {
  return [
    idToBytes(t.id),
    debitNo,
    creditNo,
    t.amount,
    t.pendingId === 0n ? null : idToBytes(t.pendingId),
    idToBytes(t.userData128),
    u64ToI64(t.userData64),
    t.userData32,
    t.timeout,
    t.ledger,
    t.code,
    t.flags,
    t.timestamp,
    expiresAt(t) ?? null,
  ];
}
