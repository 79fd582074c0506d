// Read-only ledger queries on PostgreSQL: lookups, an account's transfers page, and a balance as of a past time.
import type pg from 'pg';
import type {
  Account,
  AccountBalance,
  AccountTransfersFilter,
  Id,
  PendingState,
  Transfer,
} from '../../ledger/types.js';
import { transferFromJson } from './snapshot.js';
import { TRANSFER_JSON } from './snapshot-sql.js';
import { idToUuid, uuidToId } from './uuid.js';

const FOREVER = ((1n << 63n) - 1n).toString();

interface AccountRow {
  id: string;
  ledger: string;
  code: number;
  flags: string;
  user_data_128: string;
  user_data_64: string;
  user_data_32: string;
  debits_pending: string;
  debits_posted: string;
  credits_pending: string;
  credits_posted: string;
  timestamp: string;
}

function accountFromRow(r: AccountRow): Account {
  return {
    id: uuidToId(r.id),
    ledger: Number(r.ledger),
    code: r.code,
    flags: Number(r.flags),
    userData128: uuidToId(r.user_data_128),
    userData64: BigInt.asUintN(64, BigInt(r.user_data_64)),
    userData32: Number(r.user_data_32),
    debitsPending: BigInt(r.debits_pending),
    debitsPosted: BigInt(r.debits_posted),
    creditsPending: BigInt(r.credits_pending),
    creditsPosted: BigInt(r.credits_posted),
    timestamp: BigInt(r.timestamp),
  };
}

/** Rows of `ids` in the order asked, missing ones left out. */
function inOrder<T extends { id: Id }>(ids: Id[], found: T[]): T[] {
  const byId = new Map(found.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    return x ? [x] : [];
  });
}

export function createPostgresQueries(pool: pg.Pool) {
  const transfersFrom = async (from: string, params: unknown[]): Promise<Transfer[]> => {
    const { rows } = await pool.query<{ t: Parameters<typeof transferFromJson>[0] }>(
      `SELECT ${TRANSFER_JSON} AS t FROM ${from}`,
      params,
    );
    return rows.map((r) => transferFromJson(r.t));
  };
  const side = (column: string, order: string) =>
    `(SELECT * FROM transfers WHERE ${column} = $1 AND timestamp BETWEEN $2 AND $3 ORDER BY timestamp ${order} LIMIT $4)`;

  return {
    async lookupAccounts(ids: Id[]): Promise<Account[]> {
      const { rows } = await pool.query<AccountRow>('SELECT * FROM accounts WHERE id = ANY($1::uuid[])', [
        ids.map(idToUuid),
      ]);
      return inOrder(ids, rows.map(accountFromRow));
    },
    async lookupTransfers(ids: Id[]): Promise<Transfer[]> {
      return inOrder(
        ids,
        await transfersFrom('transfers t WHERE t.id = ANY($1::uuid[])', [ids.map(idToUuid)]),
      );
    },
    async pendingState(id: Id): Promise<PendingState | undefined> {
      const { rows } = await pool.query<{ flags: number; state: PendingState | null }>(
        `SELECT t.flags, o.state FROM transfers t LEFT JOIN pending_outcomes o ON o.pending_id = t.id
         WHERE t.id = $1`,
        [idToUuid(id)],
      );
      const row = rows[0];
      if (!row || (row.flags & 2) === 0) return undefined;
      return row.state ?? 'pending';
    },
    async accountTransfers(f: AccountTransfersFilter): Promise<Transfer[]> {
      const debits = f.debits ?? true;
      const credits = f.credits ?? true;
      if ((!debits && !credits) || f.limit <= 0) return [];
      const order = f.reversed ? 'DESC' : 'ASC';
      const parts = [
        debits ? side('debit_account_id', order) : undefined,
        credits ? side('credit_account_id', order) : undefined,
      ].filter((p): p is string => p !== undefined);
      return transfersFrom(`(${parts.join(' UNION ALL ')}) t ORDER BY t.timestamp ${order} LIMIT $4`, [
        idToUuid(f.accountId),
        (f.timestampMin ?? 0n).toString(),
        f.timestampMax && f.timestampMax > 0n ? f.timestampMax.toString() : FOREVER,
        f.limit,
      ]);
    },
    async balanceAt(accountId: Id, at: bigint): Promise<AccountBalance | undefined> {
      const { rows } = await pool.query<{
        created: string;
        dpost: string;
        cpost: string;
        dpend: string;
        cpend: string;
      }>(
        `SELECT a.timestamp::text AS created,
          coalesce(sum(t.amount) FILTER (WHERE t.debit_account_id = a.id AND t.flags & 10 = 0), 0)::text AS dpost,
          coalesce(sum(t.amount) FILTER (WHERE t.credit_account_id = a.id AND t.flags & 10 = 0), 0)::text AS cpost,
          coalesce(sum(t.amount) FILTER (WHERE t.debit_account_id = a.id AND t.flags & 2 <> 0
            AND (o.timestamp IS NULL OR o.timestamp > $2)), 0)::text AS dpend,
          coalesce(sum(t.amount) FILTER (WHERE t.credit_account_id = a.id AND t.flags & 2 <> 0
            AND (o.timestamp IS NULL OR o.timestamp > $2)), 0)::text AS cpend
        FROM accounts a
        LEFT JOIN transfers t ON (t.debit_account_id = a.id OR t.credit_account_id = a.id) AND t.timestamp <= $2
        LEFT JOIN pending_outcomes o ON o.pending_id = t.id
        WHERE a.id = $1 GROUP BY a.id, a.timestamp`,
        [idToUuid(accountId), at.toString()],
      );
      const row = rows[0];
      if (!row || BigInt(row.created) > at) return undefined;
      return {
        debitsPending: BigInt(row.dpend),
        debitsPosted: BigInt(row.dpost),
        creditsPending: BigInt(row.cpend),
        creditsPosted: BigInt(row.cpost),
        timestamp: at,
      };
    },
  };
}
