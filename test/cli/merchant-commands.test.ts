// Runs the merchant onboarding commands as real processes on a SQLite file: apply, approve, outlets, keys, GSMA clients, states.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliSandbox } from '../support/cli.js';

const APPLICATION = [
  '--name',
  '成都鲜果店',
  '--mcc',
  '5411',
  '--licence',
  '91510100MA6CK1XX1X',
  '--contact-name',
  'Li Wei',
  '--contact-phone',
  '13900000000',
  '--contact-email',
  'li.wei@example.com',
  '--city',
  '成都',
  '--bank',
  'Bank of Chengdu',
  '--bank-account',
  '6228480012345678901',
  '--bank-holder',
  'Chengdu Fresh Fruit Ltd',
];

describe('mwallet merchants', () => {
  const { json, refusal } = cliSandbox('mwallet-cli-merchants-');

  it('onboards a merchant: application, approval, store, till, user and an API key', async () => {
    const applied = await json('merchants', 'apply', ...APPLICATION);
    assert.equal(applied.status, 'pending');
    assert.equal(applied.settlementAccount.last4, '8901');
    assert.equal(await refusal('merchants', 'apply', ...APPLICATION), 'licence_taken');
    const bad = APPLICATION.map((arg) => (arg === '5411' ? '54' : arg));
    assert.equal(await refusal('merchants', 'apply', ...bad), 'invalid_merchant');
    const id: string = applied.id;
    assert.equal((await json('merchants', 'approve', id, '--reason', 'licence checked')).status, 'active');
    assert.equal(await refusal('merchants', 'approve', id), 'merchant_state');
    const store = await json('merchants', 'add-store', id, '--name', '春熙路店', '--city', '成都');
    const till = await json('merchants', 'add-till', id, '--store', store.id, '--name', '1号收银台');
    assert.match(till.id, /^til_/);
    assert.equal(
      await refusal('merchants', 'add-till', id, '--store', 'sto_nope', '--name', 'x'),
      'store_not_found',
    );
    await json('merchants', 'add-user', id, '--phone', '13900000001', '--name', 'Wang', '--role', 'cashier');
    assert.equal(
      await refusal(
        'merchants',
        'add-user',
        id,
        '--phone',
        '13900000002',
        '--name',
        'Zhao',
        '--role',
        'boss',
      ),
      'invalid_outlet',
    );
    const key = await json('merchants', 'add-key', id);
    assert.match(key.keyId, /^mk_/);
    assert.match(key.secret, /^msk_[A-Za-z0-9_-]{43}$/);
    assert.equal(await refusal('merchants', 'add-key', 'mer_nope'), 'merchant_not_found');
    const client = await json('clients', 'create', '--name', 'Fruit shop platform', '--merchant', id);
    assert.equal(client.merchantId, id);
    assert.match(client.consumerKey, /^ck_/);
    assert.match(client.consumerSecret, /^cs_/);
    assert.match(client.apiKey, /^ak_/);
    assert.equal(
      await refusal('clients', 'create', '--name', 'x', '--merchant', 'mer_nope'),
      'merchant_not_found',
    );
    assert.equal(await refusal('clients', 'create', '--name', ' '), 'name_invalid');
    const operator = await json('clients', 'create', '--name', 'Aggregator');
    assert.equal(operator.merchantId, null);
    assert.deepEqual(await json('clients', 'revoke', operator.consumerKey), {
      revoked: operator.consumerKey,
    });
    assert.equal(await refusal('clients', 'revoke', operator.consumerKey), 'already_revoked');
    assert.equal(await refusal('clients', 'revoke', 'ck_nope'), 'client_not_found');
  });

  it('suspends, reinstates and closes a merchant with a zero balance; reversing an unknown payment is refused', async () => {
    const other = APPLICATION.map((arg) => (arg === '91510100MA6CK1XX1X' ? '91510100MA6CK1YY2Y' : arg));
    const { id } = await json('merchants', 'apply', ...other);
    await json('merchants', 'approve', id);
    assert.equal((await json('merchants', 'suspend', id)).status, 'suspended');
    assert.equal((await json('merchants', 'reinstate', id)).status, 'active');
    assert.equal((await json('merchants', 'close', id, '--reason', 'shop closed')).status, 'closed');
    assert.equal((await json('merchants', 'show', id)).status, 'closed');
    assert.equal(await refusal('merchants', 'suspend', id), 'merchant_state');
    assert.equal(await refusal('payments', 'reverse', 'mpy_nope', '--reason', 'test'), 'payment_not_found');
  });
});
