// Tests of SQLite group commit: queued transactions share a commit, a failing one is undone alone, a failed commit fails all.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { SqlDatabase } from './sql-database.js';
import { openSqliteDatabase } from './sqlite-database.js';

describe('SQLite group commit', () => {
  let dir: string;
  let path: string;
  let db: SqlDatabase;
  /** A second connection: it sees only committed rows. */
  let observer: Database.Database;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-group-'));
    path = join(dir, 'group.db');
    db = openSqliteDatabase(path);
    await db.exec(`CREATE TABLE parents (id TEXT PRIMARY KEY);
      CREATE TABLE items (id TEXT PRIMARY KEY,
        parent TEXT REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)`);
    observer = new Database(path, { readonly: true });
  });

  after(async () => {
    observer.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const committed = (id: string) =>
    observer.prepare('SELECT id FROM items WHERE id = ?').get(id) !== undefined;

  it('commits a transaction together with the one queued behind it', async () => {
    let releaseSecond = () => {};
    const held = new Promise<void>((resolve) => {
      releaseSecond = resolve;
    });
    let secondStarted = false;
    const first = db.transaction((tx) => tx.run('INSERT INTO items (id) VALUES ($1)', ['first']));
    const second = db.transaction(async (tx) => {
      await tx.run('INSERT INTO items (id) VALUES ($1)', ['second']);
      secondStarted = true;
      await held;
    });
    while (!secondStarted) await new Promise((resolve) => setImmediate(resolve));
    // The first transaction's work is over, but its commit is the one the second is still inside.
    assert.equal(committed('first'), false);
    releaseSecond();
    await Promise.all([first, second]);
    assert.equal(committed('first') && committed('second'), true);
  });

  it('undoes only the transaction that throws; the others in the group commit and resolve', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO items (id) VALUES ($1)', [`many-${i}`]);
          if (i === 7) throw new Error('refused by the work');
          return i;
        }),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (i === 7) {
        assert.equal(outcome.status, 'rejected');
        assert.equal(committed('many-7'), false);
      } else {
        assert.deepEqual(outcome, { status: 'fulfilled', value: i });
        assert.equal(committed(`many-${i}`), true);
      }
    });
  });

  it('fails every member when the shared commit fails, and keeps none of their rows', async () => {
    const good = db.transaction((tx) => tx.run('INSERT INTO items (id) VALUES ($1)', ['good']));
    // A deferred foreign key is checked only at COMMIT, so this member makes the shared commit fail.
    const orphan = db.transaction((tx) =>
      tx.run('INSERT INTO items (id, parent) VALUES ($1, $2)', ['orphan', 'nobody']),
    );
    const [goodOutcome, orphanOutcome] = await Promise.allSettled([good, orphan]);
    assert.equal(goodOutcome.status, 'rejected');
    assert.equal(orphanOutcome.status, 'rejected');
    assert.match(String((goodOutcome as PromiseRejectedResult).reason), /FOREIGN KEY/);
    assert.equal(committed('good') || committed('orphan'), false);
    // The connection is usable again afterwards.
    await db.run('INSERT INTO items (id) VALUES ($1)', ['after']);
    assert.equal(committed('after'), true);
  });

  it('groups the transactions of every callback of one turn of the event loop, not only of the first', async () => {
    // Callbacks queued together run in one turn, each followed by its microtasks: a group started at the first
    // submission would be over before the second callback. The orphan's failed commit shows who shared it.
    const insert = (id: string) =>
      db.transaction((tx) =>
        tx.run('INSERT INTO items (id, parent) VALUES ($1, $2)', [
          id,
          id === 'turn-orphan' ? 'nobody' : null,
        ]),
      );
    // Wrapped in an array, so that waiting for the timers does not wait for the transactions too.
    const submitted = await Promise.all(
      ['turn-a', 'turn-b', 'turn-orphan'].map(
        (id) => new Promise<[Promise<number>]>((resolve) => setImmediate(() => resolve([insert(id)]))),
      ),
    );
    const outcomes = await Promise.allSettled(submitted.map(([transaction]) => transaction));
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.equal(committed('turn-a') || committed('turn-b'), false);
  });

  it('closes only after the transactions already submitted have run', async () => {
    const other = openSqliteDatabase(path);
    const late = other.transaction((tx) => tx.run('INSERT INTO items (id) VALUES ($1)', ['before-close']));
    await other.close();
    assert.equal(await late, 1);
    assert.equal(committed('before-close'), true);
    // Once closed, a transaction fails (rather than waiting for a BEGIN that can never succeed).
    await assert.rejects(
      other.transaction((tx) => tx.run('INSERT INTO items (id) VALUES ($1)', ['after-close'])),
      /not open/,
    );
    assert.equal(committed('after-close'), false);
  });
});
