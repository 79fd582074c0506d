// Runs the admin commands as real processes on a SQLite file: demo, issue, lock, unlock, sim-swap, kyc list.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mwallet } from '../support/cli.js';

describe('mwallet admin commands', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-cli-'));
    env = { MWALLET_DB: join(dir, 'mwallet.db'), DATABASE_URL: '', LOG_LEVEL: 'warn' };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('loads the demo customers once and issues e-money to one, with the new balance', async () => {
    const demo = await mwallet(env, '--json', 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    const { customers, merchants } = JSON.parse(demo.stdout) as {
      customers: { phone: string; balance: string }[];
      merchants: { name: string; tillCode: string }[];
    };
    assert.equal(customers.length, 2);
    assert.deepEqual(
      merchants.map((m) => /^\d{8}$/.test(m.tillCode)),
      [true, true],
    );
    assert.equal(merchants[1]?.tillCode, '80000000', 'the airtime merchant has the well-known till code');
    const again = await mwallet(env, '--json', 'demo');
    assert.equal(again.code, 0, 'loading twice is harmless');
    assert.deepEqual(JSON.parse(again.stdout).merchants, merchants, 'the same merchants, not new ones');
    const issued = await mwallet(env, '--json', 'issue', '--phone', '13800000002', '--amount', '50.5');
    assert.equal(issued.code, 0, issued.stderr);
    assert.equal(JSON.parse(issued.stdout).balance, '250.50');
  });

  it('refuses a bad amount or an unknown number with exit status 1 and changes nothing', async () => {
    const bad = await mwallet(env, 'issue', '--phone', '13800000002', '--amount', '1e3');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /invalid_amount/);
    const unknown = await mwallet(env, '--json', 'issue', '--phone', '13911112222', '--amount', '5');
    assert.equal(unknown.code, 1);
    assert.equal(JSON.parse(unknown.stderr).error, 'customer_not_found');
    const again = await mwallet(env, '--json', 'issue', '--phone', '13800000002', '--amount', '0.50');
    assert.equal(JSON.parse(again.stdout).balance, '251.00');
    const referenced = [
      '--json',
      'issue',
      '--phone',
      '13800000002',
      '--amount',
      '9.00',
      '--reference',
      'bank-credit-42',
    ];
    assert.equal(JSON.parse((await mwallet(env, ...referenced)).stdout).balance, '260.00');
    const repeated = JSON.parse((await mwallet(env, ...referenced)).stdout);
    assert.deepEqual([repeated.balance, repeated.alreadyIssued], ['260.00', true]);
    const reused = await mwallet(
      env,
      '--json',
      'issue',
      '--phone',
      '13800000002',
      '--amount',
      '1.00',
      '--reference',
      'bank-credit-42',
    );
    assert.equal(reused.code, 1);
    assert.equal(JSON.parse(reused.stderr).error, 'reference_reused');
  });

  it('locks and unlocks a wallet, records a SIM swap, and lists pending KYC', async () => {
    assert.equal((await mwallet(env, 'lock', '--phone', '13800000001', '--reason', 'test')).code, 0);
    const twice = await mwallet(env, 'unlock', '--phone', '13800000001');
    assert.equal(twice.code, 0, twice.stderr);
    const notLocked = await mwallet(env, 'unlock', '--phone', '13800000001');
    assert.equal(notLocked.code, 1);
    assert.match(notLocked.stderr, /not_locked/);
    assert.equal((await mwallet(env, 'sim-swap', '--phone', '13800000001')).code, 0);
    const kyc = await mwallet(env, '--json', 'kyc', 'list');
    assert.deepEqual(JSON.parse(kyc.stdout), { pending: [] });
  });
});
