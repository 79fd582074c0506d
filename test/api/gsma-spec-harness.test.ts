// The GSMA spec harness itself: it must fail replies the spec does not allow, or the API tests prove nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { specViolations } from '../support/gsma-spec.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const BALANCE = '/gsma/v1.2/mm/accounts/msisdn/+8613900139001/balance';
const ERROR = {
  errorCategory: 'identification',
  errorCode: 'identifierError',
  errorDateTime: '2024-01-01T00:00:00.000Z',
};

describe('GSMA spec harness', () => {
  it('accepts conforming replies', () => {
    const ok = { accountStatus: 'available', availableBalance: '25.50', currency: 'CNY' };
    assert.deepEqual(specViolations('GET', BALANCE, 200, JSON_TYPE, JSON.stringify(ok)), []);
    assert.deepEqual(specViolations('GET', BALANCE, 404, JSON_TYPE, JSON.stringify(ERROR)), []);
    const status = '/gsma/v1.2/mm/accounts/msisdn/+8613900139001/status';
    assert.deepEqual(specViolations('GET', status, 200, JSON_TYPE, '{"accountStatus":"unregistered"}'), []);
  });

  it('rejects bodies, statuses, paths and media types the spec does not allow', () => {
    const cases: [string, number, string, string][] = [
      [BALANCE, 200, JSON_TYPE, '{"availableBalance":25.5}'],
      [BALANCE, 200, JSON_TYPE, '{"availableBalance":"25.5.0"}'],
      [BALANCE, 200, JSON_TYPE, '{"currency":"XXY"}'],
      [BALANCE, 200, JSON_TYPE, '{"accountStatus":"locked"}'],
      [BALANCE, 404, JSON_TYPE, JSON.stringify({ ...ERROR, errorCategory: 'notFound' })],
      [BALANCE, 404, JSON_TYPE, JSON.stringify({ ...ERROR, errorDateTime: 'yesterday' })],
      [BALANCE, 404, JSON_TYPE, '{"errorCategory":"identification"}'],
      [BALANCE, 403, JSON_TYPE, JSON.stringify(ERROR)],
      [BALANCE, 404, 'application/problem+json', JSON.stringify(ERROR)],
      [BALANCE, 200, JSON_TYPE, 'not json'],
      ['/gsma/v1.2/mm/no/such/path/here', 200, JSON_TYPE, '{}'],
      ['/api/v1/wallet', 200, JSON_TYPE, '{}'],
    ];
    for (const [url, status, type, body] of cases) {
      assert.notDeepEqual(specViolations('GET', url, status, type, body), [], `${url} ${status} ${body}`);
    }
  });
});
