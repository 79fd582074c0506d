// Limit usage from the daily spending totals equals a plain sum over every row, across time zones and period starts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createAgent } from '../../src/domain/agents/agents.js';
import { startOfPeriod } from '../../src/domain/calendar.js';
import { createClient } from '../../src/domain/clients/api-client.js';
import { DAY_MS, HOUR_MS } from '../../src/domain/clock.js';
import type { DomainContext } from '../../src/domain/context.js';
import { spendingMigration } from '../../src/domain/payments/spending-schema.js';
import { spendingRows } from '../../src/domain/payments/spending-sources.js';
import { type PaymentUsage, payerActivity, paymentUsage } from '../../src/domain/payments/usage.js';
import type { SqlValue } from '../../src/storage/sql/sql-database.js';
import { describeApi } from '../support/api-suite.js';

type Random = (n: number) => number;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number): Random {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

function oneOf<T>(random: Random, items: readonly T[]): T {
  const item = items[random(items.length)];
  if (item === undefined) throw new Error('nothing to choose from');
  return item;
}

const PAYER = '+8613900009001';
const ZONES = ['Asia/Shanghai', 'Asia/Kolkata', 'America/New_York', 'UTC', 'Pacific/Chatham'];
/** Rows spread over two years before this instant, and a few after it. */
const BASE = Date.UTC(2026, 2, 8, 6, 30);

interface Parties {
  customerId: string;
  merchantId: string;
  agentId: string;
  clientId: string;
}

async function parties(ctx: DomainContext, phone: string): Promise<Parties> {
  const now = BigInt(ctx.clock());
  const customerId = `cus_usage_${phone.slice(-4)}`;
  await ctx.db.run(
    `INSERT INTO customers (id, phone, wallet_account_id, status, tier, locale, name, pin_salt, pin_hash, created_at)
     VALUES ($1, $2, $3, 'active', 'class_1', 'en', NULL, $4, $4, $5)`,
    [customerId, phone, phone.slice(-4), Buffer.alloc(16), now],
  );
  const merchantId = 'mer_usage';
  await ctx.db.run(
    `INSERT INTO merchants (id, name, mcc, licence_number, contact_name, contact_phone, contact_email, city, country,
       bank_name, bank_account_number, bank_account_holder, status, account_id, rate_limit_per_minute, created_at,
       updated_at)
     VALUES ($1, 'Usage shop', '5812', 'LIC-USAGE', 'Li', '+8613800000999', 'li@example.com', 'Beijing', 'CN',
       'Bank', '6222000000000000', 'Li', 'active', '2', 60, $2, $2)
     ON CONFLICT DO NOTHING`,
    [merchantId, now],
  );
  const agent = await createAgent(ctx, {
    name: 'Usage agent',
    phone: `+86137${phone.slice(-8)}`,
    actor: 'staff:test',
  });
  assert.ok(agent.ok);
  const client = await createClient(ctx, { name: 'usage', agentId: agent.agent.id, actor: 'staff:test' });
  assert.ok(client.ok);
  return { customerId, merchantId, agentId: agent.agent.id, clientId: client.credentials.client.id };
}

/** Inserts `count` random spending rows of every kind and status, then moves some of them to another status. */
async function spend(ctx: DomainContext, who: Parties, count: number, random: Random) {
  const inserts: [string, string, (id: string, at: bigint, amount: bigint) => SqlValue[]][] = [
    [
      'payments',
      `INSERT INTO payments (id, kind, customer_id, idempotency_key, request_hash, recipient_phone, amount, fee,
         fee_payer, currency, note, transfer_id, authentication, status, created_at)
       VALUES ($1, 'p2p', $2, $1, 'h', '+8613800000998', $3, $4, $5, 'CNY', '', $1, $6, $7, $8)`,
      (id, at, amount) => [
        id,
        who.customerId,
        amount,
        BigInt(random(300)),
        oneOf(random, ['sender', 'recipient']),
        oneOf(random, ['none', 'pin', 'sms_confirmation', 'pin_and_otp']),
        oneOf(random, ['pending', 'completed', 'failed', 'awaiting_claim', 'claimed', 'returned']),
        at,
      ],
    ],
    [
      'merchant_payments',
      `INSERT INTO merchant_payments (id, merchant_id, customer_id, channel, reference, description, idempotency_scope,
         idempotency_key, request_hash, amount, fee, currency, transfer_id, authentication, status, created_at)
       VALUES ($1, $2, $3, 'static_qr', '', '', 's', $1, 'h', $4, 0, 'CNY', $1, $5, $6, $7)`,
      (id, at, amount) => [
        id,
        who.merchantId,
        who.customerId,
        amount,
        oneOf(random, ['none', 'pin', 'sms_confirmation']),
        oneOf(random, ['pending', 'completed', 'failed', 'reversed']),
        at,
      ],
    ],
    [
      'disbursements',
      `INSERT INTO disbursements (id, kind, agent_id, customer_id, direction, client_id, idempotency_key, request_hash,
         amount, currency, description, transfer_id, status, created_at)
       VALUES ($1, 'withdrawal', $2, $3, 'debit', $4, $1, 'h', $5, 'CNY', '', $1, $6, $7)`,
      (id, at, amount) => [
        id,
        who.agentId,
        who.customerId,
        who.clientId,
        amount,
        oneOf(random, ['requested', 'pending', 'completed', 'failed']),
        at,
      ],
    ],
  ];
  const made: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const [table, sql, values] = oneOf(random, inserts);
    // Within two years, two hours or three days before BASE; one in ten moved up to a day later.
    const spread = oneOf(random, [730 * DAY_MS, 2 * HOUR_MS, 3 * DAY_MS]);
    const at = BASE - random(spread) + (random(10) === 0 ? random(DAY_MS) : 0);
    const id = `${table.slice(0, 3)}_${who.customerId}_${i}`;
    await ctx.db.run(sql, values(id, BigInt(at), BigInt(1 + random(100_000))));
    made.push([table, id]);
  }
  const statuses: Record<string, string[]> = {
    payments: ['completed', 'failed', 'returned', 'claimed', 'awaiting_claim'],
    merchant_payments: ['completed', 'failed', 'reversed'],
    disbursements: ['pending', 'completed', 'failed'],
  };
  for (const [table, id] of made) {
    if (random(3) !== 0) continue;
    const choices = statuses[table] ?? [];
    await ctx.db.run(`UPDATE ${table} SET status = $1 WHERE id = $2`, [oneOf(random, choices), id]);
  }
}

interface Row {
  [column: string]: unknown;
  created_at: bigint;
  total: bigint | string;
  password_free: bigint | string;
}

/** The usage summed directly over every row: what paymentUsage must answer. */
async function expectedUsage(
  ctx: DomainContext,
  customerId: string,
  now: number,
  zone: string,
  lifetime: boolean,
) {
  const rows = await ctx.db.all<Row>(spendingRows('customer_id = $1'), [customerId]);
  const since = (start: number, pick: (row: Row) => bigint | string = (row) => row.total) =>
    rows.filter((row) => Number(row.created_at) >= start).reduce((sum, row) => sum + BigInt(pick(row)), 0n);
  const day = startOfPeriod(now, 'day', zone);
  const year = since(startOfPeriod(now, 'year', zone));
  const expected: PaymentUsage = {
    limits: {
      day: since(day),
      month: since(startOfPeriod(now, 'month', zone)),
      year,
      lifetime: lifetime ? since(0) : year,
    },
    lastHour: rows.filter((row) => Number(row.created_at) > now - HOUR_MS).length,
    passwordFreeToday: since(day, (row) => row.password_free),
  };
  return expected;
}

/** Instants around every period start of every zone near BASE, and random ones. */
function instants(random: Random): number[] {
  const around = ZONES.flatMap((zone) =>
    (['day', 'month', 'year'] as const).flatMap((period) => {
      const start = startOfPeriod(BASE - random(400 * DAY_MS), period, zone);
      return [start - 1, start, start + 1, start + HOUR_MS];
    }),
  );
  const utcMidnight = Math.floor(BASE / DAY_MS) * DAY_MS;
  return [
    ...around,
    utcMidnight - 1,
    utcMidnight,
    BASE,
    ...Array.from({ length: 10 }, () => BASE - random(DAY_MS)),
  ];
}

async function assertDailyTotalsMatchRows(ctx: DomainContext) {
  const day = `created_at / ${DAY_MS}`;
  const fromRows = await ctx.db.all(
    `SELECT customer_id, ${day} AS day, sum(total) AS total, sum(password_free) AS password_free
     FROM (${spendingRows('1 = 1')}) AS spent GROUP BY customer_id, ${day} ORDER BY customer_id, day`,
  );
  const kept = await ctx.db.all(
    `SELECT customer_id, day, total, password_free FROM spending_days
     WHERE total <> 0 OR password_free <> 0 ORDER BY customer_id, day`,
  );
  const plain = (rows: Record<string, unknown>[]) =>
    rows.map((row) => Object.values(row).map((value) => String(value)));
  assert.deepEqual(plain(kept), plain(fromRows));
}

describeApi('limit usage from daily spending totals', (suite) => {
  it('equals the sum over every row at period starts in several time zones, with and without a lifetime', async () => {
    const ctx = suite.test.platform.ctx;
    const random = generator(20261122);
    const who = await parties(ctx, PAYER);
    await spend(ctx, who, 300, random);
    await assertDailyTotalsMatchRows(ctx);
    let checked = 0;
    for (const now of instants(random)) {
      for (const zone of ZONES) {
        for (const lifetime of [false, true]) {
          const window = { timeZone: zone, lifetime };
          const got = await paymentUsage(ctx.db, who.customerId, now, window);
          const want = await expectedUsage(ctx, who.customerId, now, zone, lifetime);
          assert.deepEqual(got, want, `at ${new Date(now).toISOString()} in ${zone}, lifetime ${lifetime}`);
          // The same query with the payer's history appended counts the same.
          const activity = await payerActivity(
            ctx.db,
            { id: who.customerId, phone: PAYER },
            null,
            now,
            window,
          );
          assert.deepEqual(activity.usage, want);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 500);
    assert.ok(
      (await paymentUsage(ctx.db, who.customerId, BASE, { timeZone: 'UTC', lifetime: true })).lastHour > 0,
    );
  });

  it("reads the payer's last SIM swap and whether they paid a payee before, in the usage query", async () => {
    const ctx = suite.test.platform.ctx;
    const who = await parties(ctx, '+8613900009003');
    await spend(ctx, who, 40, generator(11));
    const paid = await ctx.db.get<{ recipient_phone: string }>(
      "SELECT recipient_phone FROM payments WHERE customer_id = $1 AND status = 'completed' LIMIT 1",
      [who.customerId],
    );
    assert.ok(paid, 'the spending includes a completed P2P payment');
    const payer = { id: who.customerId, phone: '+8613900009003' };
    const window = { timeZone: 'UTC', lifetime: true };
    const history = async (payee: string | null) =>
      (await payerActivity(ctx.db, payer, payee, BASE, window)).history;
    assert.deepEqual(await history(paid.recipient_phone), { lastSimSwap: null, paidBefore: true });
    assert.deepEqual(await history('+8613700000000'), { lastSimSwap: null, paidBefore: false });
    await ctx.db.run("INSERT INTO sim_swaps (phone, swapped_at, recorded_by) VALUES ($1, $2, 'test')", [
      payer.phone,
      BigInt(BASE - 1000),
    ]);
    assert.deepEqual(await history(null), { lastSimSwap: BASE - 1000, paidBefore: false });
  });

  it('rebuilds the daily totals from the rows when the migration runs on existing data', async () => {
    const ctx = suite.test.platform.ctx;
    const who = await parties(ctx, '+8613900009002');
    await spend(ctx, who, 120, generator(7));
    await ctx.db.transaction(async (tx) => {
      await tx.run('DELETE FROM spending_days');
      await spendingMigration.after?.(tx, ctx.db.dialect);
    });
    await assertDailyTotalsMatchRows(ctx);
    const usage = await paymentUsage(ctx.db, who.customerId, BASE, {
      timeZone: 'Asia/Shanghai',
      lifetime: true,
    });
    assert.deepEqual(usage, await expectedUsage(ctx, who.customerId, BASE, 'Asia/Shanghai', true));
    assert.ok(usage.limits.lifetime > usage.limits.year);
  });
});
