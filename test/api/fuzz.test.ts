// Fuzzes every app API route with malformed input: always a 4xx problem+json, never a 5xx, the ledger untouched.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp, type TestStorage } from '../../src/channels/http/test-app.js';
import { findCustomer } from '../../src/domain/customers/customer-queries.js';
import { ApiDriver, type Customer, GOOD_PIN } from '../support/api-driver.js';
import { describeRequest, requestsFor } from './fuzz-cases.js';
import { type FuzzRequest, type FuzzWorld, type Mode, ROUTES } from './fuzz-routes.js';

/** Cases per route and per mode (anonymous, session): fewer on PostgreSQL, where each request costs more. */
const RUNS: Record<TestStorage, number> = { sqlite: 150, postgres: 30 };
const MODES: Mode[] = ['anonymous', 'session'];

for (const storage of ['sqlite', 'postgres'] satisfies TestStorage[]) {
  describe(`API fuzz (${storage})`, () => {
    let test: TestApp;
    let api: ApiDriver;
    let alice: Customer;
    let world: FuzzWorld;
    let walletAccountId: bigint;
    /** The error behind each request's reply, to show the stack of any 5xx. */
    const errors = new WeakMap<object, Error>();
    let cases = 0;

    const snapshot = async () => ({
      totals: await test.store.balanceTotals(),
      wallet: await test.ledger.lookupAccounts([walletAccountId]),
      transfers: (await test.ledger.getAccountTransfers({ accountId: walletAccountId, limit: 1000 })).length,
    });
    let initial: Awaited<ReturnType<typeof snapshot>>;

    before(async () => {
      test = await createTestApp({ storage });
      test.app.addHook('onError', async (request, _reply, error) => {
        errors.set(request.raw, error);
      });
      api = new ApiDriver(test);
      alice = await api.register('13800138021');
      const bob = await api.register('13800138022');
      await api.fund(alice.phone, '500.00');

      const quote = await api.quote(alice, bob.phone, '300.00');
      assert.equal(quote.statusCode, 201, quote.body);
      const { id: quoteId, authentication } = quote.json<{ id: string; authentication: string }>();
      assert.notEqual(authentication, 'none', 'the real quote must need a PIN, which no case sends');

      const freePhone = '+8613800138029';
      const challenge = await api.post('/api/v1/otp', { phone: freePhone, purpose: 'register' });
      assert.equal(challenge.statusCode, 202, challenge.body);
      const code = await api.lastCode(freePhone);

      // A pending application makes every further one refused (409), so no KYC case can be accepted.
      const kyc = await api.post(
        '/api/v1/me/kyc',
        {
          name: 'Alice Test',
          idType: 'passport',
          idNumber: 'E12345678',
          birthDate: '1990-03-07',
          tier: 'class_2',
        },
        { token: alice.token },
      );
      assert.equal(kyc.statusCode, 201, kyc.body);

      const devices = await api.get('/api/v1/me/devices', alice.token);
      const deviceIds = devices.json<{ devices: { id: string }[] }>().devices.map((d) => d.id);
      const customer = await findCustomer(test.platform.ctx.db, alice.customerId);
      assert.ok(customer);
      walletAccountId = customer.walletAccountId;
      const { defaultRegion, currency } = test.platform.ctx.settings;
      world = {
        storage,
        region: defaultRegion,
        currency,
        token: alice.token,
        ownPhone: alice.phone,
        otherPhone: bob.phone,
        freePhone,
        quoteId,
        challengeId: challenge.json<{ challengeId: string }>().challengeId,
        deviceKey: alice.deviceId,
        secrets: [GOOD_PIN, code, ...deviceIds],
      };
      initial = await snapshot();
    });
    after(() => test.close());

    it('knows every /api/v1 route of the OpenAPI document (and GET /dev/sms)', async () => {
      const reply = await api.get('/openapi.json');
      assert.equal(reply.statusCode, 200);
      const paths = reply.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
      const documented = Object.entries(paths)
        .filter(([path]) => path.startsWith('/api/v1/') || path.startsWith('/dev/'))
        .flatMap(([path, operations]) =>
          Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
        );
      const known = ROUTES.map((route) => `${route.method} ${route.path}`);
      assert.deepEqual(
        [...known].sort(),
        [...documented].sort(),
        'a route the fuzzer does not know (or knows no more)',
      );
      for (const route of ROUTES) {
        const operation = paths[route.path]?.[route.method.toLowerCase()] as {
          security?: unknown[];
          requestBody?: unknown;
          parameters?: { in: string; name: string }[];
        };
        const where = `${route.method} ${route.path}`;
        assert.equal(Boolean(operation.security?.length), route.auth, `${where}: session`);
        assert.equal(operation.requestBody !== undefined, route.fields !== undefined, `${where}: body`);
        const keyed = operation.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key');
        assert.equal(Boolean(keyed), route.idempotent, `${where}: Idempotency-Key`);
      }
    });

    for (const route of ROUTES) {
      it(`${route.method} ${route.path}: malformed input gets a 4xx problem, never a 5xx`, async () => {
        for (const mode of MODES) {
          await fc.assert(
            fc.asyncProperty(requestsFor(route, mode, world), async (request) => {
              cases++;
              const reply = await test.app.inject({ ...request, remoteAddress: '10.9.9.9' });
              const mayAnswer = route.method === 'GET' && !(route.auth && mode === 'anonymous');
              checkReply(request, reply, mayAnswer, errors);
            }),
            { numRuns: RUNS[storage] },
          );
        }
      });
    }

    it('left the ledger, the balance and the session as they were', async () => {
      assert.ok(cases >= ROUTES.length * MODES.length * RUNS[storage], `only ${cases} cases ran`);
      assert.deepEqual(await snapshot(), initial);
      assert.equal(await api.balance(alice.token), '500.00');
    });
  });
}

function checkReply(
  request: FuzzRequest,
  reply: LightMyRequestResponse,
  mayAnswer: boolean,
  errors: WeakMap<object, Error>,
): void {
  const status = reply.statusCode;
  const where = () => `${describeRequest(request)}\n→ ${status} ${reply.body.slice(0, 500)}`;
  if (status >= 500) {
    const error = errors.get(reply.raw.req);
    assert.fail(`server error: ${where()}\n${error?.stack ?? '(no error logged)'}`);
  }
  if (mayAnswer && status === 200) return;
  assert.ok(status >= 400 && status < 500, `expected a 4xx: ${where()}`);
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/, where());
  const body = reply.json<{ code?: unknown; status?: unknown }>();
  assert.equal(typeof body.code, 'string', where());
  assert.equal(body.status, status, where());
}
