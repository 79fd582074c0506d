// Applies whole batches to a ledger view: linked chains all-or-nothing, expiry first, one write set out.
import { createAccount } from './account-rules.js';
import { BatchState, type Savepoint } from './batch-state.js';
import type { LedgerView, WriteSet } from './ledger-view.js';
import { createTransfer, releasePending } from './transfer-rules.js';
import type {
  AccountInput,
  CreateAccountResult,
  CreateTransferResult,
  Transfer,
  TransferInput,
} from './types.js';

const LINKED = 1;
/** Results that count as success inside a linked chain (a replayed item is idempotently fine). */
const SUCCESS = new Set<string>(['ok', 'exists']);

export interface BatchOutcome<R> {
  results: R[][];
  writes: WriteSet;
}

/**
 * Applies each submission's items in order. Items flagged `linked` chain to the next item; a chain
 * either applies whole or not at all. A chain still open at the end of a submission fails.
 */
function applyChained<I extends { flags?: number }, R extends string>(
  state: BatchState,
  items: I[],
  apply: (state: BatchState, item: I) => R | CreateAccountResult,
): (R | 'linked_event_failed' | 'linked_event_chain_open')[] {
  type Result = R | 'linked_event_failed' | 'linked_event_chain_open';
  const results: Result[] = new Array(items.length);
  let chainStart = -1;
  let savepoint: Savepoint | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as I;
    const linked = ((item.flags ?? 0) & LINKED) !== 0;
    if (chainStart < 0 && linked) {
      chainStart = i;
      savepoint = state.savepoint();
    }
    const chainOpenAtEnd = linked && i === items.length - 1;
    const result = chainOpenAtEnd ? 'linked_event_chain_open' : (apply(state, item) as Result);
    results[i] = result;
    if (chainStart < 0) continue;
    if (!SUCCESS.has(result)) {
      if (savepoint) state.rollbackTo(savepoint);
      for (let j = chainStart; j < i; j++) results[j] = 'linked_event_failed';
      let end = i;
      while (end < items.length - 1 && ((items[end]?.flags ?? 0) & LINKED) !== 0) {
        end += 1;
        results[end] =
          end === items.length - 1 && ((items[end]?.flags ?? 0) & LINKED) !== 0
            ? 'linked_event_chain_open'
            : 'linked_event_failed';
      }
      i = end;
      chainStart = -1;
    } else if (!linked) {
      state.release();
      chainStart = -1;
    }
  }
  return results;
}

/** Expires `due` pending transfers (those without an outcome) first, then applies the submissions. */
export function applyAccountBatch(
  view: LedgerView,
  submissions: AccountInput[][],
  now: bigint,
  due: Transfer[] = [],
): BatchOutcome<CreateAccountResult> {
  const state = new BatchState(view, now);
  expire(state, due);
  const results = submissions.map((items) => applyChained(state, items, createAccount));
  return { results, writes: state.writeSet() };
}

/** Expires `due` pending transfers (those without an outcome) first, then applies the submissions. */
export function applyTransferBatch(
  view: LedgerView,
  submissions: TransferInput[][],
  now: bigint,
  due: Transfer[] = [],
): BatchOutcome<CreateTransferResult> {
  const state = new BatchState(view, now);
  expire(state, due);
  const results = submissions.map((items) => applyChained(state, items, createTransfer));
  return { results, writes: state.writeSet() };
}

function expire(state: BatchState, due: Transfer[]): void {
  for (const pending of due) {
    if (state.outcome(pending.id) !== undefined) continue;
    state.recordOutcome({ pendingId: pending.id, state: 'expired', timestamp: state.takeTimestamp() });
    releasePending(state, pending, undefined);
  }
}
