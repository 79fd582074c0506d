// Tests of the CSV export: header, quoting, and formula-injection guarding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryEntry } from './history.js';
import { historyToCsv } from './history-csv.js';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: '1',
  type: 'p2p_sent',
  at: '2026-11-22T01:00:00.000Z',
  description: 'Transfer to 138****0000',
  counterparty: '138****0000',
  amount: '-12.50',
  fee: '0.00',
  balance: '87.50',
  currency: 'CNY',
  reference: 'pay_x',
  status: 'completed',
  ...overrides,
});

describe('historyToCsv', () => {
  it('writes a header and one CRLF line per entry with negative amounts left as numbers', () => {
    const csv = historyToCsv([entry({})]);
    const [header, line, end] = csv.split('\r\n');
    assert.equal(header, 'time,type,description,counterparty,amount,fee,balance,currency,reference,status');
    assert.equal(
      line,
      '2026-11-22T01:00:00.000Z,p2p_sent,Transfer to 138****0000,138****0000,-12.50,0.00,87.50,CNY,pay_x,completed',
    );
    assert.equal(end, '');
  });

  it('quotes commas, quotes and newlines, and guards formulas in text cells', () => {
    const csv = historyToCsv([entry({ description: '=HYPERLINK("x"), ok', counterparty: '@evil\nline' })]);
    const line = csv.split('\r\n')[1] ?? '';
    assert.ok(line.includes(`"'=HYPERLINK(""x""), ok"`), line);
    assert.ok(csv.includes(`"'@evil\nline"`), csv);
  });

  it('guards a merchant refund whose description starts with a merchant name that looks like a formula', () => {
    const name = '=cmd|calc!A1';
    const csv = historyToCsv([
      entry({
        type: 'refund',
        description: `${name}退款`,
        counterparty: name,
        amount: '30.00',
        reference: 'ref_x',
      }),
    ]);
    assert.equal(
      csv.split('\r\n')[1],
      "2026-11-22T01:00:00.000Z,refund,'=cmd|calc!A1退款,'=cmd|calc!A1,30.00,0.00,87.50,CNY,ref_x,completed",
    );
  });
});
