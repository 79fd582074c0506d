// Unit test of the counting decorator: every statement and every transaction attempt is counted once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countedDatabase } from './counted-database.js';
import { openSqliteDatabase } from './sqlite-database.js';

describe('countedDatabase', () => {
  it('counts statements inside and outside transactions, and each transaction, also one that fails', async () => {
    const counts = { statements: 0, transactions: 0 };
    const db = countedDatabase(openSqliteDatabase(':memory:'), {
      statement: () => counts.statements++,
      transaction: () => counts.transactions++,
    });
    await db.exec('CREATE TABLE t (n bigint)');
    await db.transaction(async (tx) => {
      await tx.run('INSERT INTO t (n) VALUES ($1)', [1n]);
      await tx.run('INSERT INTO t (n) VALUES ($1)', [2n]);
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (n) VALUES ($1)', [3n]);
        throw new Error('refused');
      }),
    );
    const row = await db.get<{ n: bigint }>('SELECT count(*) AS n FROM t');
    assert.equal(row?.n, 2n, 'the failed transaction was rolled back');
    assert.deepEqual(counts, { statements: 5, transactions: 2 });
    await db.close();
  });
});
