// Tests reading SMS commands: keywords in both languages, case, full-width input, arguments and their absence.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSmsCommand } from './sms-command.js';

describe('parseSmsCommand', () => {
  it('reads the keywords in English (any case) and Chinese', () => {
    for (const text of ['BAL', 'bal', ' Balance ', '余额', 'ＢＡＬ']) {
      assert.deepEqual(parseSmsCommand(text), { kind: 'balance' }, text);
    }
    for (const text of ['MINI', 'mini', '明细']) assert.deepEqual(parseSmsCommand(text), { kind: 'mini' });
    for (const text of ['HELP', 'help', '帮助', '?'])
      assert.deepEqual(parseSmsCommand(text), { kind: 'help' });
  });

  it('reads SEND and 转账 with a number (spaces allowed) and an amount', () => {
    const expected = { kind: 'send', to: '13800000002', amount: '12.50' };
    assert.deepEqual(parseSmsCommand('send 13800000002 12.50'), expected);
    assert.deepEqual(parseSmsCommand('转账 13800000002 ¥12.50'), expected);
    assert.deepEqual(parseSmsCommand('转账13800000002\u300012.50元'), expected);
    assert.deepEqual(parseSmsCommand('ＳＥＮＤ　１３８０００００００２　１２.５０'), expected);
    assert.deepEqual(parseSmsCommand('SEND 138 0000 0002 12.50'), { ...expected, to: '138 0000 0002' });
  });

  it('reads PAY and 付款 with a till code and an amount', () => {
    const expected = { kind: 'pay', code: '80000001', amount: '30' };
    assert.deepEqual(parseSmsCommand('PAY 80000001 30'), expected);
    assert.deepEqual(parseSmsCommand('付款 8000 0001 ￥30'), expected);
  });

  it('reads YES, 确认 and 是 with a 6-digit code', () => {
    for (const text of ['YES 123456', 'yes 123 456', '确认 123456', '确认123456', '是 １２３４５６']) {
      assert.deepEqual(parseSmsCommand(text), { kind: 'confirm', code: '123456' }, text);
    }
  });

  it('answers a keyword without its arguments with its usage, anything else as unknown', () => {
    assert.deepEqual(parseSmsCommand('SEND 13800000002'), { kind: 'usage', of: 'send' });
    assert.deepEqual(parseSmsCommand('付款'), { kind: 'usage', of: 'pay' });
    assert.deepEqual(parseSmsCommand('YES'), { kind: 'usage', of: 'confirm' });
    assert.deepEqual(parseSmsCommand('YES 12345'), { kind: 'usage', of: 'confirm' });
    assert.deepEqual(parseSmsCommand('是的'), { kind: 'usage', of: 'confirm' });
    for (const text of ['', 'hello', 'BALANCES', 'SENDER 1 2', '你好']) {
      assert.deepEqual(parseSmsCommand(text), { kind: 'unknown' }, text);
    }
  });
});
