// The GSMA API's security level over HTTP on both databases: with MWALLET_GSMA_ALLOW_BASIC=0 only bearer tokens pass.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeApi } from '../support/api-suite.js';
import {
  assertGsmaError,
  basicAuth,
  bearerAuth,
  gsmaCall,
  gsmaGet,
  newClient,
} from '../support/gsma-driver.js';

describeApi(
  'GSMA API without HTTP Basic',
  (suite) => {
    it('refuses Basic (development level) on every call, even with the right secret, and takes bearer tokens', async () => {
      const customer = await suite.api.register('13900180001');
      const credentials = await newClient(suite.test);
      const basic = basicAuth(credentials);
      const path = `/accounts/msisdn/${encodeURIComponent(customer.phone)}`;
      const lock = [{ op: 'replace', path: '/accountStatus', value: 'unavailable' }];
      for (const reply of [
        await gsmaGet(suite.test, `${path}/status`, basic),
        await gsmaCall(suite.test, 'PATCH', path, basic, { body: lock }),
      ]) {
        assertGsmaError(reply, 401, 'authorisation', 'clientAuthorisationError');
        assert.match(reply.json<{ errorDescription: string }>().errorDescription, /Bearer/);
      }
      assert.equal((await suite.api.get('/api/v1/wallet', customer.token)).statusCode, 200, 'not locked');

      // The token endpoint still authenticates the client by Basic: that is how it gets a token.
      const bearer = await bearerAuth(suite.test, credentials);
      assert.deepEqual((await gsmaGet(suite.test, `${path}/status`, bearer)).json(), {
        accountStatus: 'available',
      });
      assert.equal((await gsmaCall(suite.test, 'PATCH', path, bearer, { body: lock })).statusCode, 204);
      assert.equal((await gsmaGet(suite.test, '/heartbeat', { apiKey: credentials.apiKey })).statusCode, 200);
    });
  },
  { env: { MWALLET_GSMA_ALLOW_BASIC: '0' } },
);
