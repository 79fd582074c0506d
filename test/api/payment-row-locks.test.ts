// PostgreSQL row locks of a P2P payment in flight: the payee may still pay, but cannot close the wallet under it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../src/channels/http/test-app.js';
import type { SqlDatabase, SqlExecutor, SqlRow, SqlValue } from '../../src/storage/sql/sql-database.js';
import { ApiDriver, GOOD_PIN } from '../support/api-driver.js';

/** What the statement that locks a payment's payer and payee holds (see `lockPayerAndPayee`). */
const PAYEE_LOCK = /\(SELECT status FROM customers WHERE id = \$2 FOR \w+( \w+)*\) AS payee_status/;

/**
 * Makes the next payment that locks its payee stop right after that lock, inside its transaction, until released.
 * SQLite has no such test: its write transactions take turns, so nothing runs beside a held one.
 */
function holdNextPayeeLock(db: SqlDatabase) {
  const transaction = db.transaction;
  let held: () => void = () => undefined;
  let release: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    held = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let armed = true;
  db.transaction = (work, options) =>
    transaction((tx) => {
      const holding: SqlExecutor = {
        ...tx,
        get: async <T extends SqlRow>(sql: string, params?: readonly SqlValue[]) => {
          const row = await tx.get<T>(sql, params);
          if (armed && PAYEE_LOCK.test(sql)) {
            armed = false;
            held();
            await released;
          }
          return row;
        },
      };
      return work(holding);
    }, options);
  return {
    reached,
    release() {
      release();
      db.transaction = transaction;
    },
  };
}

/**
 * Watches the database until `work` settles: true as soon as some transaction waits for a row lock, false when
 * `work` settled first.
 */
async function sawLockWait(db: SqlDatabase, work: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void work.finally(() => {
    settled = true;
  });
  while (!settled) {
    const waiting = await db.get<{ n: bigint }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
    );
    if (waiting?.n !== 0n) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('row locks of a payment in flight (postgres)', () => {
  let test: TestApp;
  let api: ApiDriver;
  before(async () => {
    test = await createTestApp({ storage: 'postgres' });
    api = new ApiDriver(test);
  });
  after(() => test.close());

  it('lets the payee pay someone else while a payment to them is still being recorded', async () => {
    const [ann, ben] = [await api.register('13900139001'), await api.register('13900139002')];
    await api.register('13900139003');
    await api.fund(ann.phone, '10.00');
    await api.fund(ben.phone, '10.00');
    const hold = holdNextPayeeLock(test.platform.ctx.db);
    const toBen = api.pay(ann, ben.phone, '4.00');
    await hold.reached;
    try {
      const fromBen = api.pay(ben, '13900139003', '3.00');
      assert.equal(
        await sawLockWait(test.platform.ctx.db, fromBen),
        false,
        "Ben's payment waited for a row lock",
      );
      assert.equal((await fromBen).statusCode, 201, (await fromBen).body);
    } finally {
      hold.release();
    }
    assert.equal((await toBen).statusCode, 201);
    assert.deepEqual([await api.balance(ann.token), await api.balance(ben.token)], ['6.00', '11.00']);
  });

  it('makes closing the payee’s wallet wait for the payment, then refuse it', async () => {
    const [eve, dan] = [await api.register('13900139004'), await api.register('13900139005')];
    await api.fund(eve.phone, '10.00');
    const code = await api.verify(dan.phone, 'close', dan.token);
    const hold = holdNextPayeeLock(test.platform.ctx.db);
    const toDan = api.pay(eve, dan.phone, '2.00');
    await hold.reached;
    const closing = api.post(
      '/api/v1/me/closure',
      { pin: GOOD_PIN, verificationToken: code },
      { token: dan.token },
    );
    try {
      await sawLockWait(test.platform.ctx.db, closing);
    } finally {
      hold.release();
    }
    assert.equal((await toDan).statusCode, 201);
    const refused = await closing;
    assert.equal(refused.json<{ code: string }>().code, 'balance_not_zero', refused.body);
    assert.equal(await api.balance(dan.token), '2.00');
  });
});
