// Tests of merchant reports on in-memory SQLite: paging and filters, daily totals in Shanghai time, the CSV export.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { migrateDatabase } from '../../storage/sql/migrate.js';
import type { SqlDatabase } from '../../storage/sql/sql-database.js';
import { openSqliteDatabase } from '../../storage/sql/sqlite-database.js';
import type { MerchantPayment } from '../payments/merchant-payment.js';
import { insertMerchantPayment } from '../payments/merchant-payment-queries.js';
import { domainMigrations } from '../schema.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { dailySummary, paymentsCsv, type ReportContext, searchMerchantPayments } from './merchant-reports.js';

const SHOP = 'mer_shop';
const OTHER = 'mer_other';
const CUSTOMER = 'cus_buyer';
const TILL = 'til_front';
/** 2026-03-15 00:00 in Shanghai (UTC+8). */
const MARCH_15 = Date.parse('2026-03-14T16:00:00Z');
const HOUR = 3600_000;

let ctx: ReportContext;
let transferBase = 16n;

async function insertMerchant(db: SqlDatabase, id: string): Promise<void> {
  await db.run(
    `INSERT INTO merchants (id, name, mcc, licence_number, contact_name, contact_phone, contact_email, city, country,
       bank_name, bank_account_number, bank_account_holder, status, account_id, rate_limit_per_minute, created_at, updated_at)
     VALUES ($1, 'Test shop', '5411', $1, 'Li Lei', '+8613800000001', 'shop@example.com', 'Shanghai', 'CN',
       'Bank', '6222000000000001', 'Li Lei', 'active', $1, 600, 0, 0)`,
    [id],
  );
}

async function setup(): Promise<ReportContext> {
  const db = openSqliteDatabase(':memory:');
  await migrateDatabase(db, domainMigrations);
  await insertMerchant(db, SHOP);
  await insertMerchant(db, OTHER);
  await db.run(
    `INSERT INTO customers (id, phone, wallet_account_id, status, tier, locale, pin_salt, pin_hash, created_at)
     VALUES ($1, '+8613912345678', 'acc_buyer', 'active', 'basic', 'en', $2, $2, 0)`,
    [CUSTOMER, Buffer.alloc(16)],
  );
  await db.run(
    `INSERT INTO merchant_stores (id, merchant_id, name, city, created_at) VALUES ('sto_1', $1, 'Main', 'Shanghai', 0)`,
    [SHOP],
  );
  await db.run(
    `INSERT INTO merchant_tills (id, merchant_id, store_id, name, code, created_at) VALUES ($1, $2, 'sto_1', 'Front', '12345678', 0)`,
    [TILL, SHOP],
  );
  return { db, settings: DEFAULT_SETTINGS };
}

/** Inserts a payment (¥10.00, fee ¥0.06, completed by the till's static QR unless told otherwise). */
async function pay(id: string, createdAt: number, fields: Partial<MerchantPayment> = {}): Promise<void> {
  transferBase += 16n;
  const inserted = await insertMerchantPayment(
    ctx.db,
    {
      id,
      merchantId: SHOP,
      customerId: CUSTOMER,
      orderId: null,
      channel: 'static_qr',
      tillId: TILL,
      reference: `ref-${id}`,
      description: 'Groceries',
      idempotencyScope: 'test',
      idempotencyKey: id,
      requestHash: id,
      amount: 1000n,
      fee: 6n,
      refunded: 0n,
      currency: 'CNY',
      transferBase,
      authentication: 'pin',
      status: 'completed',
      failureCode: null,
      createdAt,
      completedAt: createdAt,
      ...fields,
    },
    null,
  );
  assert.ok(inserted);
}

async function refund(
  id: string,
  paymentId: string,
  createdAt: number,
  amount: bigint,
  fields: { kind?: 'refund' | 'reversal'; status?: string; merchantId?: string; feeRefund?: bigint } = {},
): Promise<void> {
  transferBase += 16n;
  await ctx.db.run(
    `INSERT INTO merchant_refunds (id, payment_id, merchant_id, kind, amount, fee_refund, reason, idempotency_scope,
       idempotency_key, request_hash, transfer_id, requested_by, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $9, 'test', 'test', $1, $1, $6, 'test', $7, $8)`,
    [
      id,
      paymentId,
      fields.merchantId ?? SHOP,
      fields.kind ?? 'refund',
      amount,
      transferBase.toString(),
      fields.status ?? 'completed',
      BigInt(createdAt),
      fields.feeRefund ?? 0n,
    ],
  );
}

async function ids(
  query: Parameters<typeof searchMerchantPayments>[2],
  merchantId = SHOP,
): Promise<string[]> {
  const result = await searchMerchantPayments(ctx, merchantId, query);
  assert.ok(result.ok);
  return result.page.payments.map((payment) => payment.id);
}

describe('searchMerchantPayments', () => {
  before(async () => {
    ctx = await setup();
    await pay('mpy_a', MARCH_15 + HOUR);
    await pay('mpy_b', MARCH_15 + 2 * HOUR, { channel: 'payment_code', tillId: null });
    // Two payments in the same millisecond: the id breaks the tie.
    await pay('mpy_c', MARCH_15 + 3 * HOUR, { status: 'reversed' });
    await pay('mpy_d', MARCH_15 + 3 * HOUR, { status: 'failed', failureCode: 'insufficient_funds' });
    await pay('mpy_e', MARCH_15 + 4 * HOUR, { reference: 'INV-42' });
    await pay('mpy_x', MARCH_15 + 2 * HOUR, { merchantId: OTHER, tillId: null, reference: 'INV-42' });
  });

  it('pages newest first through every payment exactly once, with a masked phone', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 1; ; pages++) {
      const result = await searchMerchantPayments(ctx, SHOP, { limit: 2, ...(before ? { before } : {}) });
      assert.ok(result.ok);
      seen.push(...result.page.payments.map((payment) => payment.id));
      assert.equal(result.page.payments[0]?.customer.phone, '139****5678');
      if (result.page.next === null) {
        assert.equal(pages, 3);
        break;
      }
      before = result.page.next;
    }
    assert.deepEqual(seen, ['mpy_e', 'mpy_d', 'mpy_c', 'mpy_b', 'mpy_a']);
  });

  it('filters by status, channel, till, reference and [from, to)', async () => {
    assert.deepEqual(await ids({ limit: 50, status: 'reversed' }), ['mpy_c']);
    assert.deepEqual(await ids({ limit: 50, channel: 'payment_code' }), ['mpy_b']);
    assert.deepEqual(await ids({ limit: 50, tillId: TILL }), ['mpy_e', 'mpy_d', 'mpy_c', 'mpy_a']);
    assert.deepEqual(await ids({ limit: 50, reference: 'INV-42' }), ['mpy_e']);
    assert.deepEqual(await ids({ limit: 50, reference: 'INV-4' }), []);
    const window = { from: MARCH_15 + 2 * HOUR, to: MARCH_15 + 4 * HOUR };
    assert.deepEqual(await ids({ limit: 50, ...window }), ['mpy_d', 'mpy_c', 'mpy_b']);
    assert.deepEqual(await ids({ limit: 50, ...window, status: 'completed' }), ['mpy_b']);
  });

  it("never shows another merchant's payments", async () => {
    assert.deepEqual(await ids({ limit: 50 }, OTHER), ['mpy_x']);
    assert.ok(!(await ids({ limit: 200 })).includes('mpy_x'));
  });

  it('refuses a cursor it did not make, and a bad limit', async () => {
    const first = await searchMerchantPayments(ctx, SHOP, { limit: 1 });
    assert.ok(first.ok && first.page.next);
    const forged = Buffer.from(`${MARCH_15}.mpy_x`).toString('base64url');
    for (const before of ['garbage', `${first.page.next}A`, Buffer.from('nonsense').toString('base64url')]) {
      assert.deepEqual(await searchMerchantPayments(ctx, SHOP, { limit: 2, before }), {
        ok: false,
        error: 'invalid_query',
      });
    }
    // A well-formed cursor only moves the window: it cannot reach another merchant's rows.
    assert.ok(!(await ids({ limit: 50, before: forged })).includes('mpy_x'));
    for (const limit of [0, 201, 1.5]) {
      assert.equal((await searchMerchantPayments(ctx, SHOP, { limit })).ok, false);
    }
  });
});

describe('dailySummary', () => {
  before(async () => {
    ctx = await setup();
    // 15 March (Shanghai): ¥100 completed at 23:30 (15:30 UTC), ¥50 reversed the same day, one failed, one pending.
    await pay('mpy_late', MARCH_15 + 23.5 * HOUR, { amount: 10_000n, fee: 60n, refunded: 3000n });
    await pay('mpy_rev', MARCH_15 + 10 * HOUR, {
      amount: 5000n,
      fee: 30n,
      refunded: 5000n,
      status: 'reversed',
    });
    await pay('mpy_fail', MARCH_15 + 11 * HOUR, { status: 'failed', failureCode: 'insufficient_funds' });
    await pay('mpy_pend', MARCH_15 + 12 * HOUR, { status: 'pending', completedAt: null });
    await refund('ref_rev', 'mpy_rev', MARCH_15 + 11 * HOUR, 5000n, { kind: 'reversal', feeRefund: 30n });
    // 16 March (Shanghai) at 00:30, still 15 March in UTC: ¥200; and a ¥30 refund of the late payment.
    await pay('mpy_next', MARCH_15 + 24.5 * HOUR, { amount: 20_000n, fee: 120n });
    await refund('ref_late', 'mpy_late', MARCH_15 + 30 * HOUR, 3000n, { feeRefund: 18n });
    await refund('ref_pending', 'mpy_next', MARCH_15 + 31 * HOUR, 1000n, { status: 'pending' });
    await refund('ref_failed', 'mpy_next', MARCH_15 + 32 * HOUR, 1000n, { status: 'failed' });
    // Another merchant's activity on both days.
    await pay('mpy_other', MARCH_15 + 5 * HOUR, { merchantId: OTHER, tillId: null, amount: 99_900n });
    await refund('ref_other', 'mpy_other', MARCH_15 + 26 * HOUR, 100n, { merchantId: OTHER });
  });

  it('buckets by the Shanghai day, gives back the fee shares of refunds and reversals, subtracts refunds', async () => {
    const result = await dailySummary(ctx, SHOP, { from: '2026-03-14', to: '2026-03-17' });
    assert.ok(result.ok);
    assert.deepEqual(result.summary, {
      currency: 'CNY',
      days: [
        { date: '2026-03-15', payments: 2, gross: '150.00', fees: '0.60', refunds: '50.00', net: '99.40' },
        { date: '2026-03-16', payments: 1, gross: '200.00', fees: '1.02', refunds: '30.00', net: '168.98' },
      ],
      totals: { payments: 3, gross: '350.00', fees: '1.62', refunds: '80.00', net: '268.38' },
    });
  });

  it('counts a one-day range, and a day of refunds only', async () => {
    const result = await dailySummary(ctx, SHOP, { from: '2026-03-16', to: '2026-03-16' });
    assert.ok(result.ok);
    assert.equal(result.summary.totals.net, '168.98');
    const other = await dailySummary(ctx, OTHER, { from: '2026-03-15', to: '2026-03-16' });
    assert.ok(other.ok);
    assert.deepEqual(
      other.summary.days.map((day) => [day.date, day.payments, day.refunds]),
      [
        ['2026-03-15', 1, '0.00'],
        ['2026-03-16', 0, '1.00'],
      ],
    );
  });

  it('refuses bad dates, reversed ranges and more than 92 days', async () => {
    const refused = { ok: false, error: 'invalid_query' };
    for (const [from, to] of [
      ['2026-02-30', '2026-03-01'],
      ['2026-3-1', '2026-03-02'],
      ['2026-03-02', '2026-03-01'],
      ['2026-01-01', '2026-04-03'],
      ['', '2026-03-01'],
    ] as const) {
      assert.deepEqual(await dailySummary(ctx, SHOP, { from, to }), refused, `${from}..${to}`);
    }
    assert.ok((await dailySummary(ctx, SHOP, { from: '2026-01-01', to: '2026-04-02' })).ok);
  });
});

describe('paymentsCsv', () => {
  before(async () => {
    ctx = await setup();
    await pay('mpy_1', MARCH_15, { description: 'Tea, "green"' });
    await pay('mpy_2', MARCH_15 + HOUR, { description: '=HYPERLINK("http://x")', tillId: null });
    await pay('mpy_3', MARCH_15 + 2 * HOUR, { description: '-2+3', status: 'failed' });
  });

  it('writes the header, quotes per RFC 4180 and neutralises formulas', async () => {
    const result = await paymentsCsv(ctx, SHOP, {});
    assert.ok(result.ok);
    const lines = result.csv.split('\r\n');
    assert.equal(
      lines[0],
      'id,created_at,status,channel,till_id,reference,description,amount,fee,net,refunded,currency,customer',
    );
    assert.deepEqual(lines.slice(1), [
      `mpy_3,2026-03-14T18:00:00.000Z,failed,static_qr,${TILL},ref-mpy_3,'-2+3,10.00,0.06,9.94,0.00,CNY,139****5678`,
      `mpy_2,2026-03-14T17:00:00.000Z,completed,static_qr,,ref-mpy_2,"'=HYPERLINK(""http://x"")",10.00,0.06,9.94,0.00,CNY,139****5678`,
      `mpy_1,2026-03-14T16:00:00.000Z,completed,static_qr,${TILL},ref-mpy_1,"Tea, ""green""",10.00,0.06,9.94,0.00,CNY,139****5678`,
      '',
    ]);
  });

  it('applies the filters', async () => {
    const result = await paymentsCsv(ctx, SHOP, { status: 'failed' });
    assert.ok(result.ok);
    assert.equal(result.csv.split('\r\n').length, 3);
    assert.equal((await paymentsCsv(ctx, SHOP, { from: 0.5 })).ok, false);
  });
});
