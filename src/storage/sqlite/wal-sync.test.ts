// Tests of the shared WAL fsync barrier: it waits for an fsync after the call, shares one among callers, and cleans up.
import assert from 'node:assert/strict';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { leaseWalSync, WalSync } from './wal-sync.js';

describe('WalSync', () => {
  it('resolves at once when there is no WAL file yet, and after an fsync when there is one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mwallet-wal-'));
    try {
      const sync = new WalSync(join(dir, 'db-wal'));
      await sync.durable();
      await writeFile(join(dir, 'db-wal'), 'frames');
      await sync.durable();
      await sync.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves many concurrent callers with fewer fsyncs than callers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mwallet-wal-'));
    try {
      await writeFile(join(dir, 'db-wal'), 'frames');
      const sync = new WalSync(join(dir, 'db-wal'));
      // Count fsyncs by wrapping FileHandle.prototype.sync for the duration of the test.
      const probe = await open(join(dir, 'db-wal'), 'r');
      const prototype = Object.getPrototypeOf(probe) as { sync: (this: unknown) => Promise<void> };
      await probe.close();
      const original = prototype.sync;
      let fsyncs = 0;
      prototype.sync = function (this: unknown) {
        fsyncs++;
        return original.call(this);
      };
      try {
        await Promise.all(Array.from({ length: 50 }, () => sync.durable()));
      } finally {
        prototype.sync = original;
      }
      // The first caller's fsync starts at once; the other 49 share the next one. Opening the WAL file
      // the first time also syncs its directory: 3 fsyncs in all, not 50.
      assert.ok(fsyncs >= 2 && fsyncs <= 3, `50 callers took ${fsyncs} fsyncs`);
      await sync.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shares one barrier between connections of a file and lets the last lease close it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mwallet-wal-'));
    try {
      const path = join(dir, 'db');
      await writeFile(`${path}-wal`, 'frames');
      const first = leaseWalSync(path);
      const second = leaseWalSync(path);
      await Promise.all([first.durable(), second.durable()]);
      await first.release();
      await second.durable();
      await second.release();
      await second.release();
      const memory = leaseWalSync(':memory:');
      await memory.durable();
      await memory.release();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
