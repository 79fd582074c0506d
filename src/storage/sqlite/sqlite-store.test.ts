// Runs the storage contract and the model property against SQLite (in memory and on a file), plus SQLite-only checks.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { AccountFlags, TransferFlags } from '../../ledger/types.js';
import {
  account,
  createAccountsOk,
  expectTransfers,
  pending,
  post,
  transfer,
  transfersOk,
} from '../contract/fixtures.js';
import { describeLedgerStoreContract, type OpenedStore } from '../contract/ledger-contract.js';
import { describeModelProperty } from '../contract/model-property.js';
import type { LedgerStore } from '../port.js';
import { sqliteMigrations } from './schema.js';
import { openSqliteLedgerStore } from './sqlite-store.js';

async function openMigrated(path: string): Promise<LedgerStore> {
  const store = openSqliteLedgerStore(path);
  await store.migrate();
  return store;
}

async function openMemory(): Promise<OpenedStore> {
  const store = await openMigrated(':memory:');
  return { store, close: () => store.close() };
}

/** A fresh database file in its own temporary directory, which close() removes. */
async function openFile(): Promise<OpenedStore & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mwallet-sqlite-'));
  const path = join(dir, 'ledger.db');
  let store = await openMigrated(path);
  return {
    path,
    store,
    async reopen() {
      await store.close();
      store = await openMigrated(path);
      return store;
    },
    peer: () => openMigrated(path),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens a file store while recording the better-sqlite3 connection it opens (the store does not expose it). */
async function openFileWithConnection(): Promise<{
  opened: OpenedStore & { path: string };
  connection: Database.Database;
}> {
  const original = Database.prototype.pragma;
  const seen: Database.Database[] = [];
  Database.prototype.pragma = function (
    this: Database.Database,
    source: string,
    options?: Database.PragmaOptions,
  ) {
    if (!seen.includes(this)) seen.push(this);
    return original.call(this, source, options);
  };
  try {
    const opened = await openFile();
    const [connection] = seen;
    assert.ok(connection, 'the store configured its connection with PRAGMAs');
    return { opened, connection };
  } finally {
    Database.prototype.pragma = original;
  }
}

describeLedgerStoreContract('sqlite :memory:', openMemory);
describeLedgerStoreContract('sqlite file', openFile, { durable: true });
describeModelProperty('sqlite :memory:', openMemory, { numRuns: 100 });
describeModelProperty('sqlite file', openFile, { numRuns: 40 });

describe('sqlite store specifics', () => {
  it('runs its connection in WAL mode with synchronous=NORMAL (durability comes from the WAL barrier)', async () => {
    const { opened, connection } = await openFileWithConnection();
    try {
      assert.equal(connection.pragma('synchronous', { simple: true }), 1n, 'synchronous = NORMAL (1)');
      assert.equal(connection.pragma('journal_mode', { simple: true }), 'wal');
      const raw = new Database(opened.path, { readonly: true });
      try {
        assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal', 'the file itself is in WAL mode');
      } finally {
        raw.close();
      }
    } finally {
      await opened.close();
    }
  });

  it('sees what another process wrote, and hands out copies of the accounts it keeps in memory', async () => {
    const opened = await openFile();
    const other = openSqliteLedgerStore(opened.path);
    try {
      const { store } = opened;
      await createAccountsOk(store, [account(1n), account(2n)]);
      await transfersOk(store, [transfer(1n, 1n, 2n, 5n)]);
      const [first] = await store.lookupAccounts([1n]);
      assert.equal(first?.debitsPosted, 5n);
      if (first) first.debitsPosted = 999n;
      assert.equal(
        (await store.lookupAccounts([1n]))[0]?.debitsPosted,
        5n,
        'a caller cannot change the cache',
      );
      await transfersOk(other, [transfer(2n, 1n, 2n, 7n)]);
      assert.equal((await store.lookupAccounts([1n]))[0]?.debitsPosted, 12n, "the other process's transfer");
      assert.deepEqual(await store.lookupAccounts([1n, 2n]), await other.lookupAccounts([1n, 2n]));
    } finally {
      await other.close();
      await opened.close();
    }
  });

  it('answers a committed batch even when the checkpoint after it fails, and writes the balances back later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwallet-sqlite-'));
    const path = join(dir, 'ledger.db');
    // Holding at most one account in memory makes a checkpoint due after every batch.
    const store = openSqliteLedgerStore(path, { accountCacheLimit: 1 });
    const raw = new Database(path);
    try {
      await store.migrate();
      await createAccountsOk(store, [account(1n), account(2n)]);
      raw.exec(`CREATE TRIGGER failing_checkpoint BEFORE UPDATE OF credits_posted ON accounts
        BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      await transfersOk(store, [transfer(1n, 1n, 2n, 5n)]);
      assert.equal((await store.lookupAccounts([2n]))[0]?.creditsPosted, 5n);
      const stored = () => raw.prepare('SELECT credits_posted FROM accounts ORDER BY no').pluck().all();
      assert.deepEqual(stored(), [0, 0], 'the checkpoint failed: the table is as before');
      raw.exec('DROP TRIGGER failing_checkpoint');
      await transfersOk(store, [transfer(2n, 1n, 2n, 7n)]);
      assert.deepEqual(stored(), [0, 12], 'the next checkpoint wrote both transfers back');
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps every transfer and trigger when migration 3 rebuilds transfers for closing transfers of 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mwallet-sqlite-'));
    const path = join(dir, 'ledger.db');
    const raw = new Database(path);
    // The ledger as mwallet left it before migration 3.
    raw.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const m of sqliteMigrations.filter((m) => m.version < 3)) {
      raw.exec(m.sql);
      raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'then');
    }
    const older = openSqliteLedgerStore(path);
    try {
      await createAccountsOk(older, [account(1n), account(2n)]);
      await transfersOk(older, [transfer(1n, 2n, 1n, 5n), pending(2n, 1n, 2n, 3n), post(3n, 2n)]);
      await expectTransfers(
        older,
        [pending(4n, 1n, 2n, 0n, { flags: TransferFlags.closingDebit })],
        ['ok'],
      ).then(
        () => assert.fail('a transfer of 0 was stored before migration 3'),
        (error: unknown) => assert.match(String(error), /CHECK constraint failed/),
      );
    } finally {
      await older.close();
    }
    const store = await openMigrated(path);
    try {
      const stored = await store.lookupTransfers([1n, 2n, 3n]);
      assert.equal(stored.length, 3);
      await transfersOk(store, [pending(4n, 1n, 2n, 0n, { flags: TransferFlags.closingDebit })]);
      assert.equal(
        ((await store.lookupAccounts([1n]))[0]?.flags ?? 0) & AccountFlags.closed,
        AccountFlags.closed,
      );
      const plainZero = `INSERT INTO transfers (timestamp, id, debit_account_no, credit_account_no, amount,
        user_data_128, user_data_64, user_data_32, timeout, ledger, code, flags) VALUES (1e18, zeroblob(16), 1, 2, 0,
        zeroblob(16), 0, 0, 0, 1, 1, 0)`;
      assert.throws(() => raw.prepare(plainZero).run(), /CHECK constraint failed/);
      assert.throws(() => raw.prepare('DELETE FROM transfers').run(), /transfers are never deleted/);
      assert.deepEqual(await store.lookupTransfers([1n, 2n, 3n]), stored);
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a ledger that a newer mwallet migrated', async () => {
    const opened = await openFile();
    try {
      const raw = new Database(opened.path);
      try {
        raw
          .prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')")
          .run();
      } finally {
        raw.close();
      }
      const later = openSqliteLedgerStore(opened.path);
      try {
        await assert.rejects(later.migrate(), /migrated to schema 99 by a newer mwallet/);
      } finally {
        await later.close();
      }
    } finally {
      await opened.close();
    }
  });

  it('refuses, by trigger, to rewrite or delete transfers, pending outcomes and accounts', async () => {
    const opened = await openFile();
    try {
      const { store } = opened;
      await createAccountsOk(store, [account(1n), account(2n)]);
      await transfersOk(store, [pending(1n, 1n, 2n, 5n), post(2n, 1n)]);
      const before = await store.lookupTransfers([1n, 2n]);
      const raw = new Database(opened.path);
      try {
        const refusals: [string, RegExp][] = [
          ['UPDATE transfers SET amount = amount + 1', /transfers are immutable/],
          ['DELETE FROM transfers', /transfers are never deleted/],
          ["UPDATE pending_outcomes SET state = 'voided'", /pending outcomes are immutable/],
          ['DELETE FROM pending_outcomes', /pending outcomes are never deleted/],
          ['DELETE FROM accounts', /accounts are never deleted/],
          ['UPDATE accounts SET ledger = 2', /only balances and the closed flag/],
          ['UPDATE accounts SET flags = flags, credits_posted = credits_posted + 1', /needs a newer mwallet/],
        ];
        for (const [sql, message] of refusals) assert.throws(() => raw.prepare(sql).run(), message, sql);
      } finally {
        raw.close();
      }
      assert.deepEqual(await store.lookupTransfers([1n, 2n]), before);
      assert.equal(await store.pendingState(1n), 'posted');
    } finally {
      await opened.close();
    }
  });
});
