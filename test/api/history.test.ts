// Wallet history over HTTP: running balances, cursor pages, filters by type, counterparty and dates, and the CSV export.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Customer } from '../support/api-driver.js';
import { describeApi } from '../support/api-suite.js';

interface Entry {
  id: string;
  type: string;
  at: string;
  amount: string;
  fee: string;
  balance: string;
  counterparty: string | null;
  description: string;
}

const cents = (text: string) => Math.round(Number(text) * 100);

describeApi('wallet history', (suite) => {
  let alice: Customer;
  let firstPaymentAt: string;

  it('keeps a running balance on every entry, newest first, with masked counterparties', async () => {
    const { api } = suite;
    alice = await api.register('13500135001');
    await api.register('13500135002');
    await api.register('13500135003');
    await api.fund(alice.phone, '1000.00');
    for (const [to, amount] of [
      ['13500135002', '10.00'],
      ['13500135002', '20.00'],
      ['13500135003', '30.00'],
      ['13500135002', '40.00'],
      ['13500135003', '50.00'],
    ] as const) {
      const paid = await api.pay(alice, to, amount);
      assert.equal(paid.statusCode, 201, paid.body);
      firstPaymentAt ??= paid.json<{ createdAt: string }>().createdAt;
    }
    const statement = (await api.get('/api/v1/wallet/statement', alice.token)).json<{ entries: Entry[] }>()
      .entries;
    assert.equal(statement.length, 6);
    assert.deepEqual(
      statement.map((e) => [e.type, e.amount, e.balance]),
      [
        ['p2p_sent', '-50.00', '850.00'],
        ['p2p_sent', '-40.00', '900.00'],
        ['p2p_sent', '-30.00', '940.00'],
        ['p2p_sent', '-20.00', '970.00'],
        ['p2p_sent', '-10.00', '990.00'],
        ['top_up', '1000.00', '1000.00'],
      ],
    );
    for (let i = 0; i + 1 < statement.length; i++) {
      const [newer, older] = [statement[i], statement[i + 1]] as [Entry, Entry];
      assert.equal(cents(older.balance) + cents(newer.amount) - cents(newer.fee), cents(newer.balance));
    }
    assert.equal(statement[0]?.counterparty, '135****5003');
    assert.equal(statement[0]?.description, 'Transfer to 135****5003');
  });

  it('pages with a cursor until the end, without repeating or skipping an entry', async () => {
    const seen: string[] = [];
    let url = '/api/v1/wallet/history?limit=2';
    for (let page = 0; page < 10; page++) {
      const reply = await suite.api.get(url, alice.token);
      assert.equal(reply.statusCode, 200, reply.body);
      const body = reply.json<{ entries: Entry[]; next: string | null }>();
      assert.ok(body.entries.length <= 2);
      seen.push(...body.entries.map((e) => e.id));
      if (body.next === null) break;
      url = `/api/v1/wallet/history?limit=2&before=${body.next}`;
    }
    assert.equal(seen.length, 6);
    assert.equal(new Set(seen).size, 6);
  });

  it('filters by type, counterparty and date range', async () => {
    const { api } = suite;
    const query = async (q: string) => {
      const reply = await api.get(`/api/v1/wallet/history?${q}`, alice.token);
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json<{ entries: Entry[] }>().entries;
    };
    assert.deepEqual(
      (await query('type=top_up')).map((e) => e.amount),
      ['1000.00'],
    );
    assert.deepEqual(
      (await query('counterparty=13500135002')).map((e) => e.amount),
      ['-40.00', '-20.00', '-10.00'],
    );
    const before = new Date(Date.parse(firstPaymentAt) - 1).toISOString();
    assert.deepEqual(
      (await query(`to=${encodeURIComponent(before)}`)).map((e) => e.type),
      ['top_up'],
    );
    assert.equal((await query(`from=${encodeURIComponent(firstPaymentAt)}`)).length, 5);
    const received = await api.get('/api/v1/wallet/history?type=p2p_received', alice.token);
    assert.deepEqual(received.json<{ entries: Entry[] }>().entries, []);
  });

  it('refuses out-of-range queries with 400 and exports the same history as CSV', async () => {
    const { api } = suite;
    for (const q of [
      'before=0',
      'limit=0',
      'limit=101',
      'from=not-a-date',
      'type=gift',
      'from=3000-01-01T00:00:00Z',
    ]) {
      const reply = await api.get(`/api/v1/wallet/history?${q}`, alice.token);
      assert.equal(reply.statusCode, 400, `${q}: ${reply.body}`);
    }
    const csv = await api.get('/api/v1/wallet/history.csv', alice.token);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines.length, 7);
    assert.match(
      lines[1] ?? '',
      /,p2p_sent,Transfer to 135\*\*\*\*5003,135\*\*\*\*5003,-50\.00,0\.00,850\.00,CNY,pay_/,
    );
  });
});
