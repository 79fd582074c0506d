// An independent, in-memory reference model of the ledger written from src/ledger/README.md only.
import {
  type Account,
  type AccountBalance,
  AccountFlags,
  type AccountInput,
  type AccountTransfersFilter,
  AMOUNT_MAX,
  type CreateAccountResult,
  type CreateTransferResult,
  type Id,
  type PendingState,
  type Transfer,
  TransferFlags,
  type TransferInput,
} from '../../ledger/types.js';
import {
  accountExistsResult,
  accountStaticCheck,
  hasFlag,
  normalizeTransfer,
  type TransferFields,
  transferExistsResult,
  transferStaticCheck,
} from './reference-checks.js';

const NS_PER_SECOND = 1_000_000_000n;

type Balances = Pick<Account, 'debitsPending' | 'debitsPosted' | 'creditsPending' | 'creditsPosted'>;

/** One change of an account's balances, for balances as of a past time. */
interface BalanceEvent {
  accountId: Id;
  timestamp: bigint;
  balances: Balances;
}

/** Everything the model knows; records are never mutated, only replaced, so a shallow copy is a snapshot. */
interface State {
  accounts: Map<Id, Account>;
  transfers: Map<Id, Transfer>;
  outcomes: Map<Id, { state: Exclude<PendingState, 'pending'>; timestamp: bigint }>;
  events: BalanceEvent[];
  last: bigint;
}

const succeeded = (result: string) => result === 'ok' || result === 'exists';

export class ReferenceLedger {
  private s: State = { accounts: new Map(), transfers: new Map(), outcomes: new Map(), events: [], last: 0n };

  /** README, Time: due pending transfers expire before each batch, account batches included. */
  createAccounts(submissions: AccountInput[][], now: bigint): CreateAccountResult[][] {
    this.expireDue(now);
    return submissions.map((items) =>
      this.applyChained<AccountInput, CreateAccountResult>(
        items,
        (a) => a.flags ?? 0,
        (a) => this.createAccount(a, now),
      ),
    );
  }

  createTransfers(submissions: TransferInput[][], now: bigint): CreateTransferResult[][] {
    this.expireDue(now);
    return submissions.map((items) =>
      this.applyChained<TransferInput, CreateTransferResult>(
        items,
        (t) => t.flags ?? 0,
        (t) => this.createTransfer(normalizeTransfer(t), now),
      ),
    );
  }

  expirePendingTransfers(now: bigint): number {
    return this.expireDue(now);
  }

  lookupAccounts(ids: Id[]): Account[] {
    return ids.flatMap((id) => {
      const a = this.s.accounts.get(id);
      return a ? [{ ...a }] : [];
    });
  }

  lookupTransfers(ids: Id[]): Transfer[] {
    return ids.flatMap((id) => {
      const t = this.s.transfers.get(id);
      return t ? [{ ...t }] : [];
    });
  }

  pendingState(id: Id): PendingState | undefined {
    const t = this.s.transfers.get(id);
    if (!t || !hasFlag(t.flags, TransferFlags.pending)) return undefined;
    return this.s.outcomes.get(id)?.state ?? 'pending';
  }

  getAccountTransfers(f: AccountTransfersFilter): Transfer[] {
    const debits = f.debits ?? true;
    const credits = f.credits ?? true;
    const min = f.timestampMin ?? 0n;
    const max = f.timestampMax ?? 0n;
    const matching = [...this.s.transfers.values()]
      .filter(
        (t) => (debits && t.debitAccountId === f.accountId) || (credits && t.creditAccountId === f.accountId),
      )
      .filter((t) => t.timestamp >= min && (max === 0n || t.timestamp <= max))
      .sort((a, b) => (a.timestamp < b.timestamp ? -1 : 1));
    if (f.reversed) matching.reverse();
    return matching.slice(0, Math.max(0, f.limit)).map((t) => ({ ...t }));
  }

  /** Balances just after the account's last change at or before `at`; `timestamp` is that change's time. */
  getAccountBalanceAt(accountId: Id, at: bigint): AccountBalance | undefined {
    const account = this.s.accounts.get(accountId);
    if (!account || account.timestamp > at) return undefined;
    const changes = this.s.events.filter((e) => e.accountId === accountId && e.timestamp <= at);
    const latest = changes.at(-1);
    if (!latest) return { ...zero(), timestamp: account.timestamp };
    return { ...latest.balances, timestamp: latest.timestamp };
  }

  /** The next timestamp: the caller's clock, or one more than the last one given out. */
  private tick(now: bigint): bigint {
    this.s.last = now > this.s.last ? now : this.s.last + 1n;
    return this.s.last;
  }

  /** Applies one submission's items in order with the README's linked-chain rules. */
  private applyChained<I, R extends string>(
    items: I[],
    flagsOf: (item: I) => number,
    apply: (item: I) => R,
  ): R[] {
    const results: R[] = [];
    let chainStart: number | undefined;
    let snapshot: State | undefined;
    let broken = false;
    items.forEach((item, i) => {
      const linked = hasFlag(flagsOf(item), AccountFlags.linked);
      if (linked && chainStart === undefined) {
        chainStart = i;
        snapshot = this.snapshot();
      }
      let result: R;
      if (linked && i === items.length - 1) result = 'linked_event_chain_open' as R;
      else if (broken) result = 'linked_event_failed' as R;
      else result = apply(item);
      results.push(result);
      if (chainStart !== undefined && !broken && !succeeded(result)) {
        broken = true;
        if (snapshot) this.s = snapshot;
        for (let j = chainStart; j < i; j++) results[j] = 'linked_event_failed' as R;
      }
      if (!linked) {
        chainStart = undefined;
        snapshot = undefined;
        broken = false;
      }
    });
    return results;
  }

  private snapshot(): State {
    const s = this.s;
    return {
      accounts: new Map(s.accounts),
      transfers: new Map(s.transfers),
      outcomes: new Map(s.outcomes),
      events: [...s.events],
      last: s.last,
    };
  }

  private createAccount(a: AccountInput, now: bigint): CreateAccountResult {
    const invalid = accountStaticCheck(a);
    if (invalid) return invalid;
    const stored = this.s.accounts.get(a.id);
    if (stored) return accountExistsResult(a, stored);
    this.s.accounts.set(a.id, {
      id: a.id,
      ledger: a.ledger,
      code: a.code,
      flags: a.flags ?? 0,
      userData128: a.userData128 ?? 0n,
      userData64: a.userData64 ?? 0n,
      userData32: a.userData32 ?? 0,
      ...zero(),
      timestamp: this.tick(now),
    });
    return 'ok';
  }

  private createTransfer(t: TransferFields, now: bigint): CreateTransferResult {
    const invalid = transferStaticCheck(t);
    if (invalid) return invalid;
    const stored = this.s.transfers.get(t.id);
    if (stored) return transferExistsResult(t, stored);
    return hasFlag(t.flags, TransferFlags.postPendingTransfer) ||
      hasFlag(t.flags, TransferFlags.voidPendingTransfer)
      ? this.resolvePending(t, now)
      : this.moveFunds(t, now);
  }

  /** A plain or pending transfer, after its static checks. */
  private moveFunds(t: TransferFields, now: bigint): CreateTransferResult {
    const dr = this.s.accounts.get(t.debitAccountId);
    const cr = this.s.accounts.get(t.creditAccountId);
    if (!dr || !cr) return 'account_not_found';
    if (dr.ledger !== cr.ledger || dr.ledger !== t.ledger) return 'ledger_mismatch';
    if (hasFlag(dr.flags, AccountFlags.closed) || hasFlag(cr.flags, AccountFlags.closed))
      return 'account_closed';
    if (dr.debitsPending + dr.debitsPosted + t.amount > AMOUNT_MAX) return 'overflows_debits';
    if (cr.creditsPending + cr.creditsPosted + t.amount > AMOUNT_MAX) return 'overflows_credits';
    const timestamp = this.candidate(now);
    if (t.timeout > 0 && timestamp + BigInt(t.timeout) * NS_PER_SECOND > AMOUNT_MAX)
      return 'overflows_timeout';
    const limitedDr = hasFlag(dr.flags, AccountFlags.debitsMustNotExceedCredits);
    if (limitedDr && dr.debitsPending + dr.debitsPosted + t.amount > dr.creditsPosted)
      return 'exceeds_credits';
    const limitedCr = hasFlag(cr.flags, AccountFlags.creditsMustNotExceedDebits);
    if (limitedCr && cr.creditsPending + cr.creditsPosted + t.amount > cr.debitsPosted)
      return 'exceeds_debits';

    const pending = hasFlag(t.flags, TransferFlags.pending);
    const created = { ...t, timestamp: this.tick(now) };
    this.s.transfers.set(t.id, created);
    const closeIf = (flags: number, flag: number) =>
      pending && hasFlag(t.flags, flag) && !hasFlag(flags, AccountFlags.closed)
        ? flags + AccountFlags.closed
        : flags;
    this.change(dr, created.timestamp, closeIf(dr.flags, TransferFlags.closingDebit), {
      [pending ? 'debitsPending' : 'debitsPosted']: t.amount,
    });
    this.change(cr, created.timestamp, closeIf(cr.flags, TransferFlags.closingCredit), {
      [pending ? 'creditsPending' : 'creditsPosted']: t.amount,
    });
    return 'ok';
  }

  /** A post or void of a pending transfer, after its static checks. */
  private resolvePending(t: TransferFields, now: bigint): CreateTransferResult {
    const p = this.s.transfers.get(t.pendingId);
    if (!p) return 'pending_transfer_not_found';
    if (!hasFlag(p.flags, TransferFlags.pending)) return 'pending_transfer_not_pending';
    const differs = <V>(input: V, kept: V, zero: V) => input !== zero && input !== kept;
    if (
      differs(t.debitAccountId, p.debitAccountId, 0n) ||
      differs(t.creditAccountId, p.creditAccountId, 0n) ||
      differs(t.ledger, p.ledger, 0) ||
      differs(t.code, p.code, 0)
    ) {
      return 'pending_transfer_has_different_fields';
    }
    const posting = hasFlag(t.flags, TransferFlags.postPendingTransfer);
    if (posting && t.amount > p.amount) return 'exceeds_pending_transfer_amount';
    if (!posting && differs(t.amount, p.amount, 0n)) return 'pending_transfer_has_different_fields';
    const outcome = this.s.outcomes.get(p.id)?.state;
    if (outcome === 'posted') return 'pending_transfer_already_posted';
    if (outcome === 'voided') return 'pending_transfer_already_voided';
    const expiry = expiryOf(p);
    if (outcome === 'expired' || (expiry !== undefined && expiry <= this.candidate(now))) {
      return 'pending_transfer_expired';
    }

    const amount = posting && t.amount !== 0n ? t.amount : p.amount;
    const timestamp = this.tick(now);
    this.s.transfers.set(t.id, {
      ...t,
      debitAccountId: p.debitAccountId,
      creditAccountId: p.creditAccountId,
      ledger: p.ledger,
      code: p.code,
      amount,
      timestamp,
    });
    this.release(p, posting ? 'posted' : 'voided', timestamp, posting ? amount : 0n);
    return 'ok';
  }

  /** Takes P's amount out of both pending balances, posts `posted` of it, and reopens what a void closes. */
  private release(
    p: Transfer,
    state: 'posted' | 'voided' | 'expired',
    timestamp: bigint,
    posted: bigint,
  ): void {
    this.s.outcomes.set(p.id, { state, timestamp });
    const dr = this.s.accounts.get(p.debitAccountId) as Account;
    const cr = this.s.accounts.get(p.creditAccountId) as Account;
    const reopenIf = (flags: number, flag: number) =>
      state !== 'posted' && hasFlag(p.flags, flag) && hasFlag(flags, AccountFlags.closed)
        ? flags - AccountFlags.closed
        : flags;
    this.change(dr, timestamp, reopenIf(dr.flags, TransferFlags.closingDebit), {
      debitsPending: -p.amount,
      debitsPosted: posted,
    });
    this.change(cr, timestamp, reopenIf(cr.flags, TransferFlags.closingCredit), {
      creditsPending: -p.amount,
      creditsPosted: posted,
    });
  }

  /** Replaces an account with new flags and balances moved by `delta`, recording the change's time. */
  private change(a: Account, timestamp: bigint, flags: number, delta: Partial<Balances>): void {
    const next: Account = {
      ...a,
      flags,
      debitsPending: a.debitsPending + (delta.debitsPending ?? 0n),
      debitsPosted: a.debitsPosted + (delta.debitsPosted ?? 0n),
      creditsPending: a.creditsPending + (delta.creditsPending ?? 0n),
      creditsPosted: a.creditsPosted + (delta.creditsPosted ?? 0n),
    };
    this.s.accounts.set(a.id, next);
    this.s.events.push({ accountId: a.id, timestamp, balances: balancesOf(next) });
  }

  /** The timestamp the next created record would get. */
  private candidate(now: bigint): bigint {
    return now > this.s.last ? now : this.s.last + 1n;
  }

  /** Voids, as `expired`, every unresolved pending transfer whose expiry is at or before the batch's first timestamp. */
  private expireDue(now: bigint): number {
    const first = this.candidate(now);
    const due = [...this.s.transfers.values()]
      .filter((t) => !this.s.outcomes.has(t.id))
      .flatMap((t) => {
        const expiry = expiryOf(t);
        return expiry !== undefined && expiry <= first ? [{ t, expiry }] : [];
      })
      .sort((a, b) => (a.expiry !== b.expiry ? cmp(a.expiry, b.expiry) : cmp(a.t.timestamp, b.t.timestamp)));
    for (const { t } of due) this.release(t, 'expired', this.tick(now), 0n);
    return due.length;
  }
}

/** When a pending transfer with a timeout expires (ns), or undefined if it never does. */
function expiryOf(t: Transfer): bigint | undefined {
  if (!hasFlag(t.flags, TransferFlags.pending) || t.timeout === 0) return undefined;
  return t.timestamp + BigInt(t.timeout) * NS_PER_SECOND;
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function zero(): Balances {
  return { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
}

function balancesOf(a: Account): Balances {
  return {
    debitsPending: a.debitsPending,
    debitsPosted: a.debitsPosted,
    creditsPending: a.creditsPending,
    creditsPosted: a.creditsPosted,
  };
}
