// The ledger's accounts as they are now, in memory and ahead of the table: balances are written back at checkpoints.
import type Database from 'better-sqlite3';
import type { WriteSet } from '../../ledger/ledger-view.js';
import { type Account, type Id, TransferFlags } from '../../ledger/types.js';
import { idToBytes } from '../id-codec.js';
import { type AccountRow, accountFromRow, accountNo, SELECT_ACCOUNT } from './rows.js';

/**
 * A checkpoint is due when this many accounts are ahead of the table, when this many transfers and outcomes were
 * applied since the last one, or when one is this old: what restarting replays stays bounded.
 */
const AHEAD_LIMIT = 100_000;
const EVENTS_LIMIT = 500_000;
const CHECKPOINT_INTERVAL_MS = 10_000;

export interface AccountEntry {
  account: Account;
  /** The internal number transfers refer to the account by. */
  no: bigint;
  /** Its balances in memory differ from the table's (it is in the list of accounts ahead). */
  ahead: boolean;
}

/**
 * Where the stored ledger stands: its last timestamp and the timestamp its table balances are as of. Both only
 * grow, and every change to the ledger moves one of them, so an unchanged mark means nobody else wrote.
 */
export interface LedgerMark {
  lastTimestamp: bigint;
  balancesAt: bigint;
}

type Deltas = [debitsPending: bigint, debitsPosted: bigint, creditsPending: bigint, creditsPosted: bigint];

function prepare(db: Database.Database) {
  return {
    byId: db.prepare(`${SELECT_ACCOUNT} WHERE id = ?`).raw(true),
    byNo: db.prepare(`${SELECT_ACCOUNT} WHERE no = ?`).raw(true),
    transfersAfter: db
      .prepare('SELECT debit_account_no, credit_account_no, amount, flags FROM transfers WHERE timestamp > ?')
      .raw(true),
    releasesAfter: db
      .prepare(
        `SELECT t.debit_account_no, t.credit_account_no, t.amount
         FROM pending_outcomes o JOIN transfers t ON t.id = o.pending_id WHERE o.timestamp > ?`,
      )
      .raw(true),
    writeBalances: db.prepare(
      `UPDATE accounts SET debits_pending = ?, debits_posted = ?, credits_pending = ?, credits_posted = ?
       WHERE no = ?`,
    ),
    setBalancesAt: db.prepare('UPDATE ledger_meta SET balances_at = ? WHERE id = 1'),
  };
}

/** What the log after `after` changes, by account number: pending transfers, posted ones, and pending releases. */
function logDeltas(
  s: ReturnType<typeof prepare>,
  after: bigint,
): { deltas: Map<bigint, Deltas>; events: number } {
  const deltas = new Map<bigint, Deltas>();
  const add = (no: bigint, side: 0 | 1 | 2 | 3, amount: bigint) => {
    let d = deltas.get(no);
    if (!d) {
      d = [0n, 0n, 0n, 0n];
      deltas.set(no, d);
    }
    d[side] += amount;
  };
  let events = 0;
  for (const [debitNo, creditNo, amount, flags] of s.transfersAfter.iterate(after) as Iterable<
    [bigint, bigint, bigint, bigint]
  >) {
    events += 1;
    if ((Number(flags) & TransferFlags.pending) !== 0) {
      add(debitNo, 0, amount);
      add(creditNo, 2, amount);
    } else if ((Number(flags) & TransferFlags.voidPendingTransfer) === 0) {
      add(debitNo, 1, amount);
      add(creditNo, 3, amount);
    }
  }
  for (const [debitNo, creditNo, amount] of s.releasesAfter.iterate(after) as Iterable<
    [bigint, bigint, bigint]
  >) {
    events += 1;
    add(debitNo, 0, -amount);
    add(creditNo, 2, -amount);
  }
  return { deltas, events };
}

/**
 * The table holds every account's balances as of `ledger_meta.balances_at`, a consistent snapshot; the transfers
 * and pending outcomes after it are the log that brings them up to now. This process keeps the accounts it has
 * met, up to now, in memory: a batch changes them there and only inserts its transfers, and a checkpoint writes
 * the accounts ahead of the table back in one transaction that also moves `balances_at`. When another process
 * has written (the mark moved), memory replays what it wrote; if it moved the checkpoint, or at start, memory is
 * rebuilt from the table and the log since the checkpoint. So a crash loses nothing: the log is what was committed,
 * and the next start replays it.
 */
export function createAccountState(db: Database.Database, memoryLimit: number) {
  let prepared: ReturnType<typeof prepare> | undefined;
  /** Prepared on first use, after the migrations. */
  const statements = () => {
    prepared ??= prepare(db);
    return prepared;
  };
  const entries = new Map<Id, AccountEntry>();
  /** Accounts whose balances in memory differ from the table's; every account the log since the checkpoint touches. */
  let ahead: AccountEntry[] = [];
  const markAhead = (entry: AccountEntry) => {
    if (entry.ahead) return;
    entry.ahead = true;
    ahead.push(entry);
  };
  /** The mark memory is up to date with (undefined: not yet read). */
  let known: LedgerMark | undefined;
  let eventsSinceCheckpoint = 0;
  let checkpointedAt = Date.now();

  const storedRow = (id: Id) => statements().byId.get(idToBytes(id)) as AccountRow | undefined;

  const remember = (row: AccountRow): AccountEntry => {
    const entry = { account: accountFromRow(row), no: accountNo(row), ahead: false };
    entries.set(entry.account.id, entry);
    return entry;
  };

  /**
   * Brings memory up to date with the log after `after`. `fresh`: memory starts empty, `after` is the checkpoint and
   * the table the base. Otherwise memory is current up to `after` and the checkpoint has not moved since: accounts
   * it holds get the changes, with their flags read again (another process may have closed or reopened them); any
   * other account is read from the table, which is current for it since nothing touched it after the checkpoint.
   */
  const replay = (after: bigint, fresh: boolean) => {
    const s = statements();
    if (fresh) {
      entries.clear();
      ahead = [];
      eventsSinceCheckpoint = 0;
    }
    const { deltas, events } = logDeltas(s, after);
    for (const [no, [debitsPending, debitsPosted, creditsPending, creditsPosted]] of deltas) {
      const stored = accountFromRow(s.byNo.get(no) as AccountRow);
      let entry = fresh ? undefined : entries.get(stored.id);
      const base = entry ? { ...entry.account, flags: stored.flags } : stored;
      const account = {
        ...base,
        debitsPending: base.debitsPending + debitsPending,
        debitsPosted: base.debitsPosted + debitsPosted,
        creditsPending: base.creditsPending + creditsPending,
        creditsPosted: base.creditsPosted + creditsPosted,
      };
      if (entry) entry.account = account;
      else {
        entry = { account, no, ahead: false };
        entries.set(account.id, entry);
      }
      markAhead(entry);
    }
    eventsSinceCheckpoint += events;
  };

  return {
    /** Inside a transaction: makes memory current with the stored `mark`, replaying what other processes wrote. */
    syncTo(mark: LedgerMark): void {
      if (known?.lastTimestamp === mark.lastTimestamp && known.balancesAt === mark.balancesAt) return;
      // Another process wrote: only its changes are replayed, unless it also moved the checkpoint.
      const sameCheckpoint =
        known?.balancesAt === mark.balancesAt && known.lastTimestamp < mark.lastTimestamp;
      replay(sameCheckpoint ? (known as LedgerMark).lastTimestamp : mark.balancesAt, !sameCheckpoint);
      known = mark;
    },

    /** The account as it is now (after syncTo), read from the table the first time. */
    entry(id: Id): AccountEntry | undefined {
      const entry = entries.get(id);
      if (entry) return entry;
      const row = storedRow(id);
      return row && remember(row);
    },

    /** The account as it is now (after syncTo), a copy, without keeping what it read. */
    read(id: Id): Account | undefined {
      const held = entries.get(id)?.account;
      if (held) return { ...held };
      const row = storedRow(id);
      return row && accountFromRow(row);
    },

    /** Learns a committed batch: its new accounts (with their numbers) and changed accounts (among those it `met`). */
    committed(
      writes: WriteSet,
      created: Map<Id, bigint>,
      met: Map<Id, AccountEntry>,
      mark: LedgerMark,
    ): void {
      for (const account of writes.newAccounts) {
        const no = created.get(account.id);
        if (no === undefined) continue;
        const entry = { account, no, ahead: false };
        entries.set(account.id, entry);
        // Inserted without balances: any it has are ahead of the table.
        if (
          account.debitsPending + account.debitsPosted + account.creditsPending + account.creditsPosted >
          0n
        )
          markAhead(entry);
      }
      for (const account of writes.updatedAccounts) {
        const entry = met.get(account.id);
        if (!entry) continue;
        entry.account = account;
        markAhead(entry);
      }
      eventsSinceCheckpoint += writes.newTransfers.length + writes.outcomes.length;
      known = mark;
    },

    checkpointDue(): boolean {
      return (
        ahead.length >= AHEAD_LIMIT ||
        eventsSinceCheckpoint >= EVENTS_LIMIT ||
        entries.size > memoryLimit ||
        (ahead.length > 0 && Date.now() - checkpointedAt >= CHECKPOINT_INTERVAL_MS)
      );
    },

    hasAhead: () => ahead.length > 0,

    /**
     * Inside a write transaction, after syncTo(mark): writes the accounts ahead of the table, in table order, and
     * moves the checkpoint to the mark's last timestamp. Returns the mark to pass to checkpointed() after commit.
     */
    writeBack(mark: LedgerMark): LedgerMark {
      const s = statements();
      // Sorted by number in a flat array: comparing the entries themselves reads objects spread over the heap.
      const numbers = Float64Array.from(ahead, (entry) => Number(entry.no));
      const order = Uint32Array.from(ahead.keys()).sort((i, j) => (numbers[i] ?? 0) - (numbers[j] ?? 0));
      for (const i of order) {
        const { account: a, no } = ahead[i] as AccountEntry;
        s.writeBalances.run(a.debitsPending, a.debitsPosted, a.creditsPending, a.creditsPosted, no);
      }
      s.setBalancesAt.run(mark.lastTimestamp);
      return { lastTimestamp: mark.lastTimestamp, balancesAt: mark.lastTimestamp };
    },

    /** After a checkpoint committed: nothing is ahead any more; memory beyond its limit is let go. */
    checkpointed(mark: LedgerMark): void {
      for (const entry of ahead) entry.ahead = false;
      ahead = [];
      eventsSinceCheckpoint = 0;
      checkpointedAt = Date.now();
      known = mark;
      if (entries.size > memoryLimit) entries.clear();
    },
  };
}
