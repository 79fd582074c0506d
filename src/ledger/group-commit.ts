// The group-commit engine: callers enqueue batches; everything queued goes to storage as one durable commit.
import type { AccountInput, CreateAccountResult, CreateTransferResult, TransferInput } from './types.js';

/** Why a submission was refused before reaching storage. */
export type SubmitRefusal = 'overloaded' | 'closed';

export type Submitted<R> = { ok: true; results: R[] } | { ok: false; error: SubmitRefusal };

/** The storage operations the engine drives: each call is one transaction and one durable commit. */
export interface BatchSink {
  createAccounts(submissions: AccountInput[][], now: bigint): Promise<CreateAccountResult[][]>;
  createTransfers(submissions: TransferInput[][], now: bigint): Promise<CreateTransferResult[][]>;
}

export interface GroupCommitOptions {
  /** Most items in one commit (a single larger submission still goes alone). */
  maxBatch: number;
  /** Most items waiting; beyond it submissions are refused with 'overloaded' at once. */
  maxQueue: number;
  clock: () => bigint;
  /** Told about every commit, e.g. for metrics. */
  onCommit?: (info: {
    kind: 'accounts' | 'transfers';
    items: number;
    submissions: number;
    ms: number;
  }) => void;
}

/** One caller's submission waiting in the queue. */
interface Waiter {
  kind: 'accounts' | 'transfers';
  items: AccountInput[] | TransferInput[];
  done: (results: string[]) => void;
  fail: (error: unknown) => void;
}

export interface GroupCommit {
  createAccounts(items: AccountInput[]): Promise<Submitted<CreateAccountResult>>;
  createTransfers(items: TransferInput[]): Promise<Submitted<CreateTransferResult>>;
  /** Items waiting for a commit. */
  queued(): number;
  /** Refuses new work, then resolves once everything accepted has been committed. */
  close(): Promise<void>;
}

export function createGroupCommit(sink: BatchSink, options: GroupCommitOptions): GroupCommit {
  const queue: Waiter[] = [];
  let queuedItems = 0;
  let flushing: Promise<void> | undefined;
  let closed = false;

  const enqueue = <R extends string>(
    kind: Waiter['kind'],
    items: AccountInput[] | TransferInput[],
  ): Promise<Submitted<R>> => {
    if (closed) return Promise.resolve({ ok: false, error: 'closed' });
    if (items.length === 0) return Promise.resolve({ ok: true, results: [] });
    if (queuedItems + items.length > options.maxQueue)
      return Promise.resolve({ ok: false, error: 'overloaded' });
    return new Promise<Submitted<R>>((resolve, reject) => {
      queue.push({
        kind,
        items,
        done: (results) => resolve({ ok: true, results: results as R[] }),
        fail: reject,
      });
      queuedItems += items.length;
      flushing ??= flushSoon();
    });
  };

  /** Waits one macrotask so that callers in the same tick share the commit, then drains the queue. */
  const flushSoon = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) await commitNext();
    flushing = undefined;
  };

  const commitNext = async () => {
    const kind = queue[0]?.kind;
    const group: Waiter[] = [];
    let items = 0;
    while (queue.length > 0) {
      const next = queue[0] as Waiter;
      if (next.kind !== kind || (group.length > 0 && items + next.items.length > options.maxBatch)) break;
      group.push(next);
      items += next.items.length;
      queue.shift();
    }
    queuedItems -= items;
    const started = performance.now();
    try {
      const results =
        kind === 'accounts'
          ? await sink.createAccounts(
              group.map((p) => p.items as AccountInput[]),
              options.clock(),
            )
          : await sink.createTransfers(
              group.map((p) => p.items as TransferInput[]),
              options.clock(),
            );
      options.onCommit?.({
        kind: kind ?? 'transfers',
        items,
        submissions: group.length,
        ms: performance.now() - started,
      });
      group.forEach((waiter, i) => {
        waiter.done(results[i] ?? []);
      });
    } catch (error) {
      for (const waiter of group) waiter.fail(error);
    }
  };

  return {
    createAccounts: (items) => enqueue<CreateAccountResult>('accounts', items),
    createTransfers: (items) => enqueue<CreateTransferResult>('transfers', items),
    queued: () => queuedItems,
    async close() {
      closed = true;
      while (flushing) await flushing;
    },
  };
}
