// The USSD and SMS gateway endpoints speak for phone numbers: only the aggregator with the token may call them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../src/channels/http/test-app.js';

const TOKEN = 'gw_0123456789abcdefghijklmnopqrstuv';
const dial = { sessionId: 'gw-1', serviceCode: '*123#', phoneNumber: '+8613700000001', text: '' };

describe('channel gateway authentication', () => {
  it('with a token configured, refuses requests without it and serves those with it', async () => {
    const test = await createTestApp({ env: { MWALLET_GATEWAY_TOKEN: TOKEN } });
    try {
      const post = (headers: Record<string, string>) =>
        test.app.inject({ method: 'POST', url: '/channels/ussd', payload: dial, headers });
      const none = await post({});
      assert.equal(none.statusCode, 401, none.body);
      assert.equal((await post({ authorization: `Bearer ${TOKEN}x` })).statusCode, 401);
      const good = await post({ authorization: `Bearer ${TOKEN}` });
      assert.equal(good.statusCode, 200, good.body);
      assert.match(good.body, /^END /, 'an unregistered number is told how to register');
      const sms = (headers: Record<string, string>) =>
        test.app.inject({
          method: 'POST',
          url: '/channels/sms',
          payload: { from: '+8613700000001', text: 'BAL', messageId: `gw-${Object.keys(headers).length}` },
          headers,
        });
      assert.equal((await sms({})).statusCode, 401);
      assert.equal((await sms({ authorization: `Bearer ${TOKEN}` })).statusCode, 200);
    } finally {
      await test.close();
    }
  });

  it('without a token, stays closed outside demo mode', async () => {
    const test = await createTestApp({ env: { MWALLET_DEMO: '0' } });
    try {
      const reply = await test.app.inject({ method: 'POST', url: '/channels/ussd', payload: dial });
      assert.equal(reply.statusCode, 503, reply.body);
      assert.equal(reply.json().code, 'gateway_not_configured');
    } finally {
      await test.close();
    }
  });
});
