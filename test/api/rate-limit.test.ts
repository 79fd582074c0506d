// The app API's per-address rate limit: requests past the budget get 429 problem+json; other addresses are unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../src/channels/http/test-app.js';

describe('API rate limit', () => {
  let test: TestApp;
  before(async () => {
    test = await createTestApp({ env: { MWALLET_RATE_LIMIT: '5' } });
  });
  after(() => test.close());

  const get = (remoteAddress: string) =>
    test.app.inject({ method: 'GET', url: '/api/v1/wallet', remoteAddress });

  it('answers 429 problem+json with Retry-After past 5 requests a minute from one address', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await get('10.9.9.1')).statusCode, 401);
    const limited = await get('10.9.9.1');
    assert.equal(limited.statusCode, 429, limited.body);
    assert.match(String(limited.headers['content-type']), /^application\/problem\+json/);
    assert.equal(limited.json<{ code: string }>().code, 'too_many_requests');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal((await get('10.9.9.2')).statusCode, 401, 'another address has its own budget');
  });

  it('does not limit the operations endpoints', async () => {
    for (let i = 0; i < 10; i++) {
      const reply = await test.app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.9.9.3' });
      assert.equal(reply.statusCode, 200);
    }
  });
});
