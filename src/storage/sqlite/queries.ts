// Read-only ledger queries on SQLite: lookups, an account's transfers page, and a balance as of a past time.
import type Database from 'better-sqlite3';
import type {
  AccountBalance,
  AccountTransfersFilter,
  Id,
  PendingState,
  Transfer,
} from '../../ledger/types.js';
import { idToBytes } from '../id-codec.js';
import {
  type AccountRow,
  accountFromRow,
  accountNo,
  SELECT_ACCOUNT,
  SELECT_TRANSFER,
  type TransferRow,
  transferFromRow,
} from './rows.js';

const FOREVER = (1n << 63n) - 1n;

export function createSqliteQueries(db: Database.Database) {
  /** Statements are prepared on first use (after migrations) and kept: preparing costs more than running. */
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string, shape: 'raw' | 'pluck'): Database.Statement => {
    const key = `${shape}:${sql}`;
    let statement = statements.get(key);
    if (!statement) {
      statement = shape === 'raw' ? db.prepare(sql).raw(true) : db.prepare(sql).pluck(true);
      statements.set(key, statement);
    }
    return statement;
  };
  const accountRow = (id: Id) =>
    prepared(`${SELECT_ACCOUNT} WHERE id = ?`, 'raw').get(idToBytes(id)) as AccountRow | undefined;
  const transferRow = (id: Id) =>
    prepared(`${SELECT_TRANSFER} WHERE t.id = ?`, 'raw').get(idToBytes(id)) as TransferRow | undefined;
  const side = (column: string, order: string) =>
    `SELECT timestamp FROM transfers WHERE ${column} = :no AND timestamp BETWEEN :min AND :max
     ORDER BY timestamp ${order} LIMIT :limit`;
  const page = (debits: boolean, credits: boolean, order: 'ASC' | 'DESC') => {
    const parts = [
      debits ? side('debit_account_no', order) : undefined,
      credits ? side('credit_account_no', order) : undefined,
    ].filter((p): p is string => p !== undefined);
    const union = parts.map((p) => `SELECT * FROM (${p})`).join(' UNION ALL ');
    return prepared(
      `${SELECT_TRANSFER} WHERE t.timestamp IN (${union}) ORDER BY t.timestamp ${order} LIMIT :limit`,
      'raw',
    );
  };
  const sums = () =>
    prepared(
      `SELECT
      COALESCE(SUM(CASE WHEN t.debit_account_no = :no AND (t.flags & 10) = 0 THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.credit_account_no = :no AND (t.flags & 10) = 0 THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.debit_account_no = :no AND (t.flags & 2) <> 0
        AND (o.timestamp IS NULL OR o.timestamp > :at) THEN t.amount END), 0),
      COALESCE(SUM(CASE WHEN t.credit_account_no = :no AND (t.flags & 2) <> 0
        AND (o.timestamp IS NULL OR o.timestamp > :at) THEN t.amount END), 0)
      FROM transfers t LEFT JOIN pending_outcomes o ON o.pending_id = t.id
      WHERE t.timestamp IN (
        SELECT timestamp FROM transfers WHERE debit_account_no = :no AND timestamp <= :at
        UNION ALL SELECT timestamp FROM transfers WHERE credit_account_no = :no AND timestamp <= :at)`,
      'raw',
    );

  return {
    lookupTransfers(ids: Id[]): Transfer[] {
      return ids.flatMap((id) => {
        const row = transferRow(id);
        return row ? [transferFromRow(row)] : [];
      });
    },
    pendingState(id: Id): PendingState | undefined {
      const row = transferRow(id);
      if (!row || (transferFromRow(row).flags & 2) === 0) return undefined;
      const state = prepared('SELECT state FROM pending_outcomes WHERE pending_id = ?', 'pluck').get(
        idToBytes(id),
      );
      return (state as PendingState | undefined) ?? 'pending';
    },
    accountTransfers(f: AccountTransfersFilter): Transfer[] {
      const debits = f.debits ?? true;
      const credits = f.credits ?? true;
      const account = accountRow(f.accountId);
      if (!account || (!debits && !credits) || f.limit <= 0) return [];
      const rows = page(debits, credits, f.reversed ? 'DESC' : 'ASC').all({
        no: accountNo(account),
        min: f.timestampMin ?? 0n,
        max: f.timestampMax && f.timestampMax > 0n ? f.timestampMax : FOREVER,
        limit: f.limit,
      }) as TransferRow[];
      return rows.map(transferFromRow);
    },
    balanceAt(accountId: Id, at: bigint): AccountBalance | undefined {
      const row = accountRow(accountId);
      if (!row || accountFromRow(row).timestamp > at) return undefined;
      const [debitsPosted, creditsPosted, debitsPending, creditsPending] = sums().get({
        no: accountNo(row),
        at,
      }) as [bigint, bigint, bigint, bigint];
      return { debitsPending, debitsPosted, creditsPending, creditsPosted, timestamp: at };
    },
  };
}
