// One writer at a time per SQLite file in this process: the ledger and the domain connections take turns without busy-waiting.
import { resolve } from 'node:path';

/** An async mutex: `run` waits its turn, runs the work, then lets the next waiter in. */
export class WriteLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

const locks = new Map<string, WriteLock>();

/**
 * The lock shared by every connection of this process to the database file at `path`. Two
 * connections of one process must never hold write transactions at once: SQLite's busy handler
 * would block the event loop that the other transaction needs to finish. `:memory:` databases are
 * private to their connection and get a lock of their own.
 */
export function writeLockFor(path: string): WriteLock {
  if (path === ':memory:') return new WriteLock();
  const key = resolve(path);
  let lock = locks.get(key);
  if (!lock) {
    lock = new WriteLock();
    locks.set(key, lock);
  }
  return lock;
}
