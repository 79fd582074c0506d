// Group fsync of a SQLite WAL file off the event loop: commits run with synchronous=NORMAL, then wait for this barrier.
import { type FileHandle, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * With journal_mode=WAL and synchronous=NORMAL, a COMMIT appends to the -wal file without fsync:
 * it survives a killed process (the OS has the pages) but not a power cut. `durable()` resolves
 * once an fsync of the WAL file that started after the call has finished, so every transaction
 * committed before the call is then on disk. Callers acknowledge only after it. Concurrent callers
 * share one fsync, run on libuv's thread pool: the event loop keeps serving while the disk works.
 */
export class WalSync {
  private waiting: (() => void)[] = [];
  private failing: ((error: unknown) => void)[] = [];
  private flushing = false;
  private handle: { file: FileHandle; ino: number } | undefined;

  constructor(private readonly walPath: string) {}

  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push(resolve);
      this.failing.push(reject);
      if (!this.flushing) void this.flush();
    });
  }

  async close(): Promise<void> {
    await this.handle?.file.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const done = this.waiting;
      const failed = this.failing;
      this.waiting = [];
      this.failing = [];
      try {
        await this.fsync();
        for (const resolve of done) resolve();
      } catch (error) {
        for (const reject of failed) reject(error);
      }
    }
    this.flushing = false;
  }

  /** fsyncs the current -wal file; reopens it if SQLite replaced it, and syncs the directory then. */
  private async fsync(): Promise<void> {
    const current = await stat(this.walPath).catch((error: unknown) => {
      // Only a missing file means "nothing to sync"; any other failure must not pass for durable.
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!current) return; // No WAL file: nothing was committed through one since the last checkpoint-and-delete.
    if (this.handle?.ino !== current.ino) {
      await this.handle?.file.close();
      this.handle = { file: await open(this.walPath, 'r'), ino: current.ino };
      const directory = await open(dirname(this.walPath), 'r');
      await directory.sync().finally(() => directory.close());
    }
    try {
      await this.handle.file.sync();
    } catch (error) {
      // After a failed fsync the kernel may drop the dirty pages and report success next time on the same
      // descriptor: forget it, so the next barrier reopens the file, and fail these waiters.
      const failed = this.handle;
      this.handle = undefined;
      await failed.file.close().catch(() => undefined);
      throw error;
    }
  }
}

/** A connection's share of its file's barrier; `release` when the connection closes. */
export interface WalSyncLease {
  durable(): Promise<void>;
  release(): Promise<void>;
}

const shared = new Map<string, { sync: WalSync; leases: number }>();

/** The barrier shared by every open connection of this process to the database at `path` (a no-op for :memory:). */
export function leaseWalSync(path: string): WalSyncLease {
  if (path === ':memory:') return { durable: async () => undefined, release: async () => undefined };
  const key = resolve(path);
  const entry = shared.get(key) ?? { sync: new WalSync(`${key}-wal`), leases: 0 };
  entry.leases++;
  shared.set(key, entry);
  let released = false;
  return {
    durable: () => entry.sync.durable(),
    async release() {
      if (released) return;
      released = true;
      entry.leases--;
      if (entry.leases > 0) return;
      shared.delete(key);
      await entry.sync.close();
    },
  };
}
