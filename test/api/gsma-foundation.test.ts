// The GSMA API foundation over HTTP on both databases: client credentials, OAuth2 tokens, errors, heartbeat, accounts by msisdn.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createClient, revokeClient } from '../../src/domain/clients/api-client.js';
import { reviewKyc, submitKyc } from '../../src/domain/customers/kyc.js';
import { lockByStaff } from '../../src/domain/customers/wallet-lock.js';
import { decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { describeApi } from '../support/api-suite.js';
import { assertGsmaError, basicAuth, gsmaGet, MM, newClient, requestToken } from '../support/gsma-driver.js';
import { onboardMerchant } from '../support/merchant-driver.js';

const PAYEE = '+8613900139001';

describeApi('GSMA API foundation', (suite) => {
  it('refuses a missing or wrong API key and wrong or missing credentials with the spec’s 401 error object', async () => {
    const client = await newClient(suite.test);
    const other = await newClient(suite.test);
    const path = `/accounts/msisdn/${PAYEE}/status`;
    const { basic } = basicAuth(client);
    for (const auth of [
      { basic },
      { apiKey: 'ak_wrong', basic },
      { apiKey: client.apiKey, basic: { key: client.client.consumerKey, secret: 'cs_wrong' } },
      { apiKey: client.apiKey, basic: basicAuth(other).basic },
      { apiKey: other.apiKey, basic },
      { apiKey: client.apiKey },
      { apiKey: client.apiKey, bearer: 'not-a-token' },
    ]) {
      assertGsmaError(
        await gsmaGet(suite.test, path, auth),
        401,
        'authorisation',
        'clientAuthorisationError',
      );
    }
    assertGsmaError(
      await gsmaGet(suite.test, '/heartbeat', {}),
      401,
      'authorisation',
      'clientAuthorisationError',
    );
    const malformed = await suite.test.app.inject({
      method: 'GET',
      url: `${MM}${path}`,
      headers: { 'x-api-key': client.apiKey, authorization: 'Digest abc' },
    });
    assertGsmaError(malformed, 401, 'authorisation', 'clientAuthorisationError');
  });

  it('answers the heartbeat to a valid API key, with an X-Date header', async () => {
    const client = await newClient(suite.test);
    const reply = await gsmaGet(suite.test, '/heartbeat', { apiKey: client.apiKey });
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(reply.json(), { serviceStatus: 'available' });
    assert.ok(!Number.isNaN(Date.parse(String(reply.headers['x-date']))));
  });

  it('issues expiring OAuth2 tokens that die with their client', async () => {
    const client = await newClient(suite.test);
    const { basic } = basicAuth(client);
    const issued = await requestToken(suite.test, { basic });
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal(issued.headers['cache-control'], 'no-store');
    const token = issued.json<{ access_token: string; token_type: string; expires_in: number }>();
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.expires_in, 3600);
    const path = '/accounts/msisdn/13900139009/status';
    const used = await gsmaGet(suite.test, path, { apiKey: client.apiKey, bearer: token.access_token });
    assert.equal(used.statusCode, 200, used.body);
    const other = await newClient(suite.test);
    const foreign = await gsmaGet(suite.test, path, { apiKey: other.apiKey, bearer: token.access_token });
    assertGsmaError(foreign, 401, 'authorisation', 'clientAuthorisationError');
    suite.test.advance(3601_000);
    const expired = await gsmaGet(suite.test, path, { apiKey: client.apiKey, bearer: token.access_token });
    assertGsmaError(expired, 401, 'authorisation', 'clientAuthorisationError');
    const fresh = (await requestToken(suite.test, { apiKey: client.apiKey, basic })).json<{
      access_token: string;
    }>();
    assert.equal(
      (await gsmaGet(suite.test, path, { apiKey: client.apiKey, bearer: fresh.access_token })).statusCode,
      200,
    );
    assert.deepEqual(await revokeClient(suite.test.platform.ctx, client.client.consumerKey, 'staff:test'), {
      ok: true,
    });
    for (const auth of [{ apiKey: client.apiKey, bearer: fresh.access_token }, basicAuth(client)]) {
      assertGsmaError(
        await gsmaGet(suite.test, path, auth),
        401,
        'authorisation',
        'clientAuthorisationError',
      );
    }
    const afterRevoke = await requestToken(suite.test, { basic });
    assert.equal(afterRevoke.statusCode, 401);
    assert.deepEqual(afterRevoke.json(), { error: 'invalid_client' });
    assert.deepEqual(await revokeClient(suite.test.platform.ctx, client.client.id, 'staff:test'), {
      ok: false,
      error: 'already_revoked',
    });
  });

  it('answers token requests it refuses with RFC 6749 errors, issuing nothing', async () => {
    const client = await newClient(suite.test);
    const other = await newClient(suite.test);
    const { basic } = basicAuth(client);
    const wrongSecret = await requestToken(suite.test, {
      basic: { key: basic?.key ?? '', secret: 'cs_wrong' },
    });
    assert.equal(wrongSecret.statusCode, 401);
    assert.match(String(wrongSecret.headers['www-authenticate']), /^Basic/);
    assert.deepEqual(wrongSecret.json(), { error: 'invalid_client' });
    const cases: [Parameters<typeof requestToken>, number, string][] = [
      [[suite.test, {}], 401, 'invalid_client'],
      [[suite.test, { apiKey: other.apiKey, basic }], 401, 'invalid_client'],
      [[suite.test, { basic }, 'grant_type=password'], 400, 'unsupported_grant_type'],
      [[suite.test, { basic }, 'scope=all'], 400, 'invalid_request'],
      [
        [suite.test, { basic }, 'grant_type=client_credentials&grant_type=client_credentials'],
        400,
        'invalid_request',
      ],
    ];
    for (const [args, status, error] of cases) {
      const reply = await requestToken(...args);
      assert.equal(reply.statusCode, status, reply.body);
      assert.deepEqual(reply.json(), { error });
    }
    const json = await suite.test.app.inject({
      method: 'POST',
      url: '/gsma/v1/oauth/accesstoken',
      headers: { authorization: `Basic ${Buffer.from(`${basic?.key}:${basic?.secret}`).toString('base64')}` },
      payload: { grant_type: 'client_credentials' },
    });
    assert.equal(json.statusCode, 400, json.body);
    assert.deepEqual(json.json(), { error: 'invalid_request' });
    const tokens = await suite.test.platform.ctx.db.get<{ n: bigint }>(
      'SELECT count(*) AS n FROM api_client_tokens WHERE client_id = $1',
      [client.client.id],
    );
    assert.equal(tokens?.n, 0n);
  });

  it('shows a registered msisdn’s status, masked name and balance, amounts as strings', async () => {
    const customer = await suite.api.register('13900139001');
    await suite.api.fund(customer.phone, '25.50');
    const { ctx } = suite.test.platform;
    const kyc = await submitKyc(ctx, customer.customerId, {
      name: '张小三',
      idType: 'passport',
      idNumber: 'E12345678',
      birthDate: '1990-03-07',
      tier: 'class_2',
    });
    assert.ok(kyc.ok, kyc.ok ? '' : kyc.error);
    const reviewed = await reviewKyc(ctx, {
      applicationId: kyc.application.id,
      approve: true,
      actor: 'staff:test',
      note: '',
    });
    assert.deepEqual(reviewed, { ok: true });
    const auth = basicAuth(await newClient(suite.test));
    for (const msisdn of [PAYEE, encodeURIComponent(PAYEE), '13900139001']) {
      const status = await gsmaGet(suite.test, `/accounts/msisdn/${msisdn}/status`, auth);
      assert.deepEqual(status.json(), { accountStatus: 'available' });
    }
    const name = await gsmaGet(suite.test, `/accounts/msisdn/${PAYEE}/accountname`, auth);
    assert.deepEqual(name.json(), { name: { fullName: '张*三' } });
    const balance = await gsmaGet(suite.test, `/accounts/msisdn/${PAYEE}/balance`, auth);
    assert.deepEqual(balance.json(), {
      accountStatus: 'available',
      availableBalance: '25.50',
      currency: 'CNY',
    });
    assert.deepEqual(await lockByStaff(ctx, PAYEE, 'staff:test', 'test'), { ok: true });
    const locked = await gsmaGet(suite.test, `/accounts/msisdn/${PAYEE}/status`, auth);
    assert.deepEqual(locked.json(), { accountStatus: 'unavailable', subStatus: 'locked' });
  });

  it('gives a wallet without a name an empty name, and an unknown msisdn unregistered or the 404 error object', async () => {
    await suite.api.register('13900139002');
    const auth = basicAuth(await newClient(suite.test));
    const nameless = await gsmaGet(suite.test, '/accounts/msisdn/+8613900139002/accountname', auth);
    assert.deepEqual(nameless.json(), { name: {} });
    const unknown = '/accounts/msisdn/+8613900139003';
    assert.deepEqual((await gsmaGet(suite.test, `${unknown}/status`, auth)).json(), {
      accountStatus: 'unregistered',
    });
    for (const resource of ['accountname', 'balance']) {
      assertGsmaError(
        await gsmaGet(suite.test, `${unknown}/${resource}`, auth),
        404,
        'identification',
        'identifierError',
      );
    }
    const wallet = await gsmaGet(suite.test, '/accounts/walletid/123/balance', auth);
    assertGsmaError(wallet, 404, 'identification', 'identifierError');
  });

  it('refuses malformed identifiers with the spec’s validation errors', async () => {
    const auth = basicAuth(await newClient(suite.test));
    for (const msisdn of ['abc', '12', '+86010123456789', '%2B86%2000']) {
      const reply = await gsmaGet(suite.test, `/accounts/msisdn/${msisdn}/balance`, auth);
      assertGsmaError(reply, 400, 'validation', 'formatError');
    }
    const type = await gsmaGet(suite.test, '/accounts/phone/13900139001/status', auth);
    assertGsmaError(type, 400, 'validation', 'formatError');
    assert.deepEqual(type.json<{ errorParameters: unknown }>().errorParameters, [
      { key: 'field', value: 'identifierType' },
    ]);
    const route = await suite.test.app.inject({
      method: 'GET',
      url: `${MM}/no-such-thing`,
      headers: { 'x-api-key': 'x' },
    });
    assertGsmaError(route, 404, 'identification', 'genericError');
  });

  it('lets a merchant’s client confirm a payee but not read balances, and nothing once the merchant is suspended', async () => {
    await suite.api.register('13900139004');
    const merchant = await onboardMerchant(suite.test);
    const auth = basicAuth(await newClient(suite.test, merchant.id));
    const path = '/accounts/msisdn/+8613900139004';
    assert.equal((await gsmaGet(suite.test, `${path}/status`, auth)).statusCode, 200);
    assert.equal((await gsmaGet(suite.test, `${path}/accountname`, auth)).statusCode, 200);
    const balance = await gsmaGet(suite.test, `${path}/balance`, auth);
    assertGsmaError(balance, 401, 'authorisation', 'requestingPartyAuthorisationError');
    const suspended = await decideMerchant(
      suite.test.platform.ctx,
      merchant.id,
      'suspend',
      'staff:test',
      'test',
    );
    assert.ok(suspended.ok);
    assertGsmaError(
      await gsmaGet(suite.test, `${path}/status`, auth),
      401,
      'authorisation',
      'clientAuthorisationError',
    );
  });

  it('creates clients only for a known merchant, keeping the secret and API key only as hashes', async () => {
    const { ctx } = suite.test.platform;
    assert.deepEqual(await createClient(ctx, { name: ' ', actor: 'test' }), {
      ok: false,
      error: 'name_invalid',
    });
    assert.deepEqual(await createClient(ctx, { name: 'x', merchantId: 'mer_none', actor: 'test' }), {
      ok: false,
      error: 'merchant_not_found',
    });
    const client = await newClient(suite.test);
    const row = await ctx.db.get<Record<string, unknown>>('SELECT * FROM api_clients WHERE id = $1', [
      client.client.id,
    ]);
    const stored = Object.values(row ?? {})
      .map((value) => (Buffer.isBuffer(value) ? value.toString('latin1') : String(value)))
      .join('|');
    assert.ok(!stored.includes(client.consumerSecret) && !stored.includes(client.apiKey));
    assert.deepEqual(await revokeClient(ctx, 'cli_none', 'test'), { ok: false, error: 'client_not_found' });
  });
});
