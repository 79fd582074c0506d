// Checks the PostgreSQL test harness: the server under test, test databases, and a throwaway cluster's lifecycle.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import {
  createTestDatabase,
  findPostgresBinDir,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from './throwaway-postgres.js';

async function query(url: string, sql: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function setting(url: string, name: string): Promise<unknown> {
  const [row] = await query(url, `SHOW ${name}`);
  return row?.[name];
}

describe('the PostgreSQL server under test (DATABASE_URL, else a throwaway cluster)', () => {
  let own: ThrowawayPostgres | undefined;
  let baseUrl = '';

  before(async () => {
    own = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
    baseUrl = process.env.DATABASE_URL ?? own?.url ?? '';
  });
  after(() => own?.stop());

  test('accepts connections and runs select 1', async () => {
    assert.deepEqual(await query(baseUrl, 'select 1 as one'), [{ one: 1 }]);
  });

  test('runs with default durability: fsync and synchronous_commit on', async () => {
    assert.equal(await setting(baseUrl, 'fsync'), 'on');
    assert.equal(await setting(baseUrl, 'synchronous_commit'), 'on');
  });

  test('createTestDatabase gives a fresh empty database and drop() removes it', async () => {
    const db = await createTestDatabase(baseUrl);
    const name = new URL(db.url).pathname.slice(1);
    assert.match(name, /^mwallet_test_/);
    assert.deepEqual(
      await query(db.url, "select table_name from information_schema.tables where table_schema = 'public'"),
      [],
    );
    await query(db.url, 'create table t (id bigint primary key)');
    await db.drop();
    await db.drop();
    const left = await query(baseUrl, `select 1 from pg_database where datname = '${name}'`);
    assert.equal(left.length, 0);
  });
});

test('startThrowawayPostgres starts a fresh cluster and stop() shuts it down', async (t) => {
  if (findPostgresBinDir() === undefined && process.env.DATABASE_URL) {
    t.skip('no PostgreSQL server binaries on this machine (DATABASE_URL is used instead)');
    return;
  }
  const startedAt = performance.now();
  const server = await startThrowawayPostgres();
  t.diagnostic(`throwaway cluster ready in ${Math.round(performance.now() - startedAt)} ms`);
  try {
    assert.match(server.url, /^postgres:\/\/mwallet@127\.0\.0\.1:\d+\/mwallet$/);
    assert.deepEqual(await query(server.url, 'select current_database() as db'), [{ db: 'mwallet' }]);
    assert.equal(await setting(server.url, 'fsync'), 'on');
  } finally {
    await server.stop();
  }
  await server.stop();
  await assert.rejects(query(server.url, 'select 1'));
});
