// Read-only ledger queries on SQLite: lookups, an account's transfers page, and a balance as of a past time.
import type Database from 'better-sqlite3';
import type {
  Account,
  AccountBalance,
  AccountTransfersFilter,
  Id,
  PendingState,
  Transfer,
} from '../../ledger/types.js';
import { idToBytes } from '../id-codec.js';
import {
  ACCOUNT_COLUMNS,
  type AccountRow,
  accountFromRow,
  TRANSFER_COLUMNS,
  type TransferRow,
  transferFromRow,
} from './rows.js';

const FOREVER = (1n << 63n) - 1n;

export function createSqliteQueries(db: Database.Database) {
  const account = () => db.prepare(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ?`).raw(true);
  const transfer = () => db.prepare(`SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE id = ?`).raw(true);
  const side = (column: string, order: string) =>
    `SELECT ${TRANSFER_COLUMNS} FROM transfers WHERE ${column} = :id AND timestamp BETWEEN :min AND :max
     ORDER BY timestamp ${order} LIMIT :limit`;
  const page = (debits: boolean, credits: boolean, order: 'ASC' | 'DESC') => {
    const parts = [
      debits ? side('debit_account_id', order) : undefined,
      credits ? side('credit_account_id', order) : undefined,
    ].filter((p): p is string => p !== undefined);
    const union = parts.map((p) => `SELECT * FROM (${p})`).join(' UNION ALL ');
    return db.prepare(`SELECT * FROM (${union}) ORDER BY timestamp ${order} LIMIT :limit`).raw(true);
  };
  const sums = () =>
    db
      .prepare(`SELECT
      COALESCE(SUM(CASE WHEN t.debit_account_id = :id AND (t.flags & 2) = 0 AND (t.flags & 8) = 0 THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.credit_account_id = :id AND (t.flags & 2) = 0 AND (t.flags & 8) = 0 THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.debit_account_id = :id AND (t.flags & 2) <> 0
        AND (o.timestamp IS NULL OR o.timestamp > :at) THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.credit_account_id = :id AND (t.flags & 2) <> 0
        AND (o.timestamp IS NULL OR o.timestamp > :at) THEN t.amount END), 0)
      FROM transfers t LEFT JOIN pending_outcomes o ON o.pending_id = t.id
      WHERE t.timestamp <= :at AND t.rowid IN (
        SELECT rowid FROM transfers WHERE debit_account_id = :id AND timestamp <= :at
        UNION ALL SELECT rowid FROM transfers WHERE credit_account_id = :id AND timestamp <= :at)`)
      .raw(true);

  return {
    lookupAccounts(ids: Id[]): Account[] {
      const stmt = account();
      return ids.flatMap((id) => {
        const row = stmt.get(idToBytes(id)) as AccountRow | undefined;
        return row ? [accountFromRow(row)] : [];
      });
    },
    lookupTransfers(ids: Id[]): Transfer[] {
      const stmt = transfer();
      return ids.flatMap((id) => {
        const row = stmt.get(idToBytes(id)) as TransferRow | undefined;
        return row ? [transferFromRow(row)] : [];
      });
    },
    pendingState(id: Id): PendingState | undefined {
      const row = transfer().get(idToBytes(id)) as TransferRow | undefined;
      if (!row || (transferFromRow(row).flags & 2) === 0) return undefined;
      const state = db
        .prepare('SELECT state FROM pending_outcomes WHERE pending_id = ?')
        .pluck(true)
        .get(idToBytes(id));
      return (state as PendingState | undefined) ?? 'pending';
    },
    accountTransfers(f: AccountTransfersFilter): Transfer[] {
      const debits = f.debits ?? true;
      const credits = f.credits ?? true;
      if ((!debits && !credits) || f.limit <= 0) return [];
      const rows = page(debits, credits, f.reversed ? 'DESC' : 'ASC').all({
        id: idToBytes(f.accountId),
        min: f.timestampMin ?? 0n,
        max: f.timestampMax && f.timestampMax > 0n ? f.timestampMax : FOREVER,
        limit: f.limit,
      }) as TransferRow[];
      return rows.map(transferFromRow);
    },
    balanceAt(accountId: Id, at: bigint): AccountBalance | undefined {
      const row = account().get(idToBytes(accountId)) as AccountRow | undefined;
      if (!row || accountFromRow(row).timestamp > at) return undefined;
      const [debitsPosted, creditsPosted, debitsPending, creditsPending] = sums().get({
        id: idToBytes(accountId),
        at,
      }) as [bigint, bigint, bigint, bigint];
      return { debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp: at };
    },
  };
}
