// Authorisation over the app API on both databases: other customers' ids give a bare 404, no token gives 401, extra fields give 400.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp, type TestStorage } from '../../src/channels/http/test-app.js';
import { phoneSequence, problemOf } from '../support/api-assertions.js';
import { ApiDriver, type Customer, GOOD_PIN } from '../support/api-driver.js';

/** A fresh mainland mobile number for each customer of this file. */
const newPhone = phoneSequence('1390000');

interface Me {
  tier: string;
}

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  examples?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  required?: string[];
  properties?: Record<string, JsonSchema>;
}

interface Operation {
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

/** A smallest value a JSON schema accepts: the required members only, first choices, examples where given. */
function exampleOf(schema: JsonSchema | undefined): unknown {
  if (schema === undefined) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return exampleOf(choice);
  if (schema.examples?.length) return schema.examples[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((k) => [k, exampleOf(schema.properties?.[k])]));
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    default:
      if (schema.format === 'date') return '1990-03-07';
      if (schema.format === 'date-time') return new Date(0).toISOString();
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 8));
  }
}

for (const storage of ['sqlite', 'postgres'] satisfies TestStorage[]) {
  describe(`API authorisation (${storage})`, () => {
    let test: TestApp;
    before(async () => {
      test = await createTestApp({ storage });
    });
    after(() => test.close());

    /** Any request with exactly the headers given (no token or key added). */
    const send = (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      headers: Record<string, string>,
      body?: unknown,
    ) =>
      test.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });

    const me = async (api: ApiDriver, customer: Customer): Promise<Me> => {
      const reply = await api.get('/api/v1/me', customer.token);
      assert.equal(reply.statusCode, 200, reply.body);
      return reply.json<Me>();
    };

    /** The app API's operations that need a session, each with a schema-valid request made from the document. */
    const securedOperations = async () => {
      const spec = await test.app.inject({ method: 'GET', url: '/openapi.json' });
      assert.equal(spec.statusCode, 200);
      const paths = spec.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
      return Object.entries(paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => path.startsWith('/api/v1/') && (operation.security ?? []).length > 0)
          .map(([method, operation]) => ({
            name: `${method} ${path}`,
            method: method.toUpperCase() as 'GET' | 'POST' | 'DELETE',
            url: path.replace(/\{(\w+)\}/g, (_, param: string) => `${param}-${randomUUID()}`),
            body: operation.requestBody
              ? exampleOf(operation.requestBody.content['application/json']?.schema)
              : undefined,
          })),
      );
    };

    /** A and B with ¥100 each, and C; B has paid C once (a payment id) and holds an open quote to C (a quote id). */
    const twoCustomers = async () => {
      const api = new ApiDriver(test);
      const a = await api.register(newPhone());
      const b = await api.register(newPhone());
      const c = await api.register(newPhone());
      await api.fund(a.phone, '100.00');
      await api.fund(b.phone, '100.00');
      const paid = await api.pay(b, c.phone, '10.00');
      assert.equal(paid.statusCode, 201, paid.body);
      const paymentId = paid.json<{ id: string }>().id;
      const quote = await api.quote(b, c.phone, '5.00');
      assert.equal(quote.statusCode, 201, quote.body);
      const quoteId = quote.json<{ id: string }>().id;
      return { api, a, b, c, paymentId, quoteId };
    };

    it("answers another customer's payment, device and quote ids exactly as it answers ids that do not exist", async () => {
      const { api, a, b, c, paymentId, quoteId } = await twoCustomers();

      // B sees its own payment; A gets the same 404 as for an id nobody has.
      assert.equal((await api.get(`/api/v1/p2p/transfers/${paymentId}`, b.token)).statusCode, 200);
      const foreignPayment = await api.get(`/api/v1/p2p/transfers/${paymentId}`, a.token);
      const missingPayment = await api.get(`/api/v1/p2p/transfers/pay_${randomUUID()}`, a.token);
      problemOf(foreignPayment, 404, 'payment_not_found');
      assert.deepEqual(foreignPayment.json(), missingPayment.json());
      assert.equal(foreignPayment.body, missingPayment.body);

      // B's device, read from B's own list; A cannot unbind it, and B's session keeps working.
      const devices = await api.get('/api/v1/me/devices', b.token);
      assert.equal(devices.statusCode, 200, devices.body);
      const [bDevice] = devices.json<{ devices: { id: string; current: boolean }[] }>().devices;
      assert.ok(bDevice?.current, devices.body);
      const foreignDevice = await api.delete(`/api/v1/me/devices/${bDevice.id}`, a.token);
      const missingDevice = await api.delete(`/api/v1/me/devices/dev_${randomUUID()}`, a.token);
      problemOf(foreignDevice, 404, 'device_not_found');
      assert.equal(foreignDevice.body, missingDevice.body);
      const devicesAfter = await api.get('/api/v1/me/devices', b.token);
      assert.equal(devicesAfter.statusCode, 200, devicesAfter.body);
      assert.deepEqual(
        devicesAfter.json<{ devices: { id: string }[] }>().devices.map((d) => d.id),
        [bDevice.id],
      );

      // A confirming B's quote (with A's correct PIN) is told the quote does not exist; nothing moves.
      const foreignQuote = await api.post(
        '/api/v1/p2p/transfers',
        { quoteId, pin: GOOD_PIN },
        { token: a.token },
      );
      const missingQuote = await api.post(
        '/api/v1/p2p/transfers',
        { quoteId: `quo_${randomUUID()}`, pin: GOOD_PIN },
        { token: a.token },
      );
      problemOf(foreignQuote, 404, 'quote_not_found');
      assert.equal(foreignQuote.body, missingQuote.body);
      assert.equal(await api.balance(a.token), '100.00');
      assert.equal(await api.balance(b.token), '90.00');
      assert.equal(await api.balance(c.token), '10.00');

      // The quote is still B's to confirm: A's attempt did not use it up.
      const own = await api.post('/api/v1/p2p/transfers', { quoteId, pin: GOOD_PIN }, { token: b.token });
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(await api.balance(b.token), '85.00');
      assert.equal(await api.balance(a.token), '100.00');
    });

    it("never lets an Idempotency-Key reach another customer's stored answer", async () => {
      const { api, a, b, c } = await twoCustomers();
      const key = randomUUID();
      const body = { to: c.phone, amount: '3.00' };
      const bQuote = await api.post('/api/v1/p2p/quotes', body, { token: b.token, key });
      assert.equal(bQuote.statusCode, 201, bQuote.body);
      const aQuote = await api.post('/api/v1/p2p/quotes', body, { token: a.token, key });
      assert.equal(aQuote.statusCode, 201, aQuote.body);
      assert.equal(aQuote.headers['idempotent-replayed'], undefined);
      assert.notEqual(aQuote.json<{ id: string }>().id, bQuote.json<{ id: string }>().id);
      // A's quote is A's own: confirming it moves A's money, not B's.
      const paid = await api.post(
        '/api/v1/p2p/transfers',
        {
          quoteId: aQuote.json<{ id: string }>().id,
          pin: GOOD_PIN,
          verificationToken: await api.verify(a.phone, 'payment', a.token),
        },
        { token: a.token },
      );
      assert.equal(paid.statusCode, 201, paid.body);
      assert.equal(await api.balance(a.token), '97.00');
      assert.equal(await api.balance(b.token), '90.00');
    });

    it("ignores or refuses a customer id in the query: a wallet is always the caller's own", async () => {
      const { api, a, b } = await twoCustomers();
      const wallet = await api.get(`/api/v1/wallet?customerId=${b.customerId}`, a.token);
      assert.equal(wallet.statusCode, 200, wallet.body);
      assert.equal(wallet.json<{ balance: string }>().balance, '100.00');
      const history = await api.get(`/api/v1/wallet/history?customerId=${b.customerId}`, a.token);
      problemOf(history, 400, 'invalid_request');
    });

    it('answers 401 on every authenticated route without a valid session, and changes nothing', async () => {
      const { api, b, c, paymentId, quoteId } = await twoCustomers();
      const bDevices = await api.get('/api/v1/me/devices', b.token);
      const bDeviceId = bDevices.json<{ devices: { id: string }[] }>().devices[0]?.id;
      const loggedOut = await new ApiDriver(test).register(newPhone());
      const logout = await api.delete('/api/v1/sessions/current', loggedOut.token);
      assert.equal(logout.statusCode, 204, logout.body);

      // Every operation the OpenAPI document marks as needing a session, with a valid body, aimed at
      // B's real objects where it takes an id or a body worth stealing: only the credentials are wrong.
      const targets: Record<string, { url?: string; body?: unknown }> = {
        'delete /api/v1/me/devices/{deviceId}': { url: `/api/v1/me/devices/${bDeviceId}` },
        'get /api/v1/p2p/transfers/{paymentId}': { url: `/api/v1/p2p/transfers/${paymentId}` },
        'post /api/v1/p2p/quotes': { body: { to: c.phone, amount: '1.00' } },
        'post /api/v1/p2p/transfers': { body: { quoteId, pin: GOOD_PIN } },
      };
      const routes = (await securedOperations()).map((operation) => ({
        ...operation,
        ...targets[operation.name],
      }));
      for (const name of [...Object.keys(targets), 'get /api/v1/me', 'delete /api/v1/sessions/current']) {
        assert.ok(
          routes.some((r) => r.name === name),
          `${name} is missing from the OpenAPI document`,
        );
      }

      const credentials: [string, Record<string, string>][] = [
        ['no Authorization header', {}],
        ['a made-up token', { authorization: 'Bearer bm90LWEtcmVhbC10b2tlbg' }],
        [
          "B's token with a character changed",
          { authorization: `Bearer ${b.token.slice(0, -1)}${b.token.endsWith('A') ? 'B' : 'A'}` },
        ],
        ['a logged-out token', { authorization: `Bearer ${loggedOut.token}` }],
        ['the token in another scheme', { authorization: `Basic ${b.token}` }],
        ['the token without a scheme', { authorization: b.token }],
      ];
      for (const route of routes) {
        for (const [label, headers] of credentials) {
          const withKey = route.method === 'POST' ? { ...headers, 'idempotency-key': randomUUID() } : headers;
          const reply = await send(route.method, route.url, withKey, route.body);
          assert.equal(
            reply.statusCode,
            401,
            `${route.name} with ${label} (a 400 means this test needs a valid body for it): ${reply.body}`,
          );
          problemOf(reply, 401, 'unauthorized');
          assert.equal(reply.headers['www-authenticate'], 'Bearer', `${route.name} with ${label}`);
        }
      }

      // Nothing happened to B: same balance, quote still open, device and session still there.
      assert.equal(await api.balance(b.token), '90.00');
      assert.equal(await api.balance(c.token), '10.00');
      const devices = (await api.get('/api/v1/me/devices', b.token)).json<{ devices: { id: string }[] }>();
      assert.deepEqual(
        devices.devices.map((d) => d.id),
        [bDeviceId],
      );
      const own = await api.post('/api/v1/p2p/transfers', { quoteId, pin: GOOD_PIN }, { token: b.token });
      assert.equal(own.statusCode, 201, own.body);
    });

    it('ends the sessions of a device its owner unbinds', async () => {
      const api = new ApiDriver(test);
      const d = await api.register(newPhone());
      const verificationToken = await api.verify(d.phone, 'login');
      const login = await api.post('/api/v1/sessions', {
        phone: d.phone,
        pin: GOOD_PIN,
        device: { id: `device-${randomUUID()}`, name: 'Second phone' },
        verificationToken,
      });
      assert.equal(login.statusCode, 201, login.body);
      const second = login.json<{ token: string; newDevice: boolean }>();
      assert.equal(second.newDevice, true);
      const devices = await api.get('/api/v1/me/devices', second.token);
      const first = devices
        .json<{ devices: { id: string; current: boolean }[] }>()
        .devices.find((x) => !x.current);
      assert.ok(first, devices.body);
      const revoked = await api.delete(`/api/v1/me/devices/${first.id}`, second.token);
      assert.equal(revoked.statusCode, 204, revoked.body);
      problemOf(await api.get('/api/v1/me', d.token), 401, 'unauthorized');
      assert.equal((await api.get('/api/v1/me', second.token)).statusCode, 200);
      // Unbinding it again is a 404 like any unknown id.
      problemOf(await api.delete(`/api/v1/me/devices/${first.id}`, second.token), 404, 'device_not_found');
    });

    it('refuses extra fields (balance, tier, status, fee, owner, customerId) with 400 and changes nothing', async () => {
      const api = new ApiDriver(test);
      const victim = await api.register(newPhone());
      await api.fund(victim.phone, '20.00');
      const extras = {
        balance: '1000000.00',
        tier: 'class_3',
        status: 'active',
        fee: '0.00',
        owner: victim.customerId,
        customerId: victim.customerId,
      };

      // Registration: the verified token survives the refused attempt and then opens a class_1 wallet.
      const phone = newPhone();
      const verificationToken = await api.verify(phone, 'register');
      const device = { id: `device-${randomUUID()}`, name: 'Test phone' };
      const clean = { verificationToken, pin: GOOD_PIN, device, locale: 'en' };
      for (const [field, value] of Object.entries(extras)) {
        problemOf(
          await api.post('/api/v1/registrations', { ...clean, [field]: value }),
          400,
          'invalid_request',
        );
      }
      problemOf(
        await api.post('/api/v1/registrations', {
          ...clean,
          device: { ...device, owner: victim.customerId },
        }),
        400,
        'invalid_request',
      );
      const registered = await api.post('/api/v1/registrations', clean);
      assert.equal(registered.statusCode, 201, registered.body);
      const mallory: Customer = {
        phone: registered.json<{ phone: string }>().phone,
        token: registered.json<{ session: { token: string } }>().session.token,
        customerId: registered.json<{ customerId: string }>().customerId,
        deviceId: device.id,
      };
      assert.notEqual(mallory.customerId, victim.customerId);
      assert.equal(await api.balance(mallory.token), '0.00');
      assert.equal((await me(api, mallory)).tier, 'class_1');

      // Quote and transfer: the victim's own calls, with extra fields, are refused and move nothing.
      await api.fund(mallory.phone, '10.00');
      for (const [field, value] of Object.entries(extras)) {
        problemOf(
          await api.post(
            '/api/v1/p2p/quotes',
            { to: mallory.phone, amount: '1.00', [field]: value },
            { token: victim.token },
          ),
          400,
          'invalid_request',
        );
      }
      const quote = await api.quote(victim, mallory.phone, '1.00');
      assert.equal(quote.statusCode, 201, quote.body);
      const quoteId = quote.json<{ id: string }>().id;
      const stepUp = await api.verify(victim.phone, 'payment', victim.token);
      for (const [field, value] of Object.entries(extras)) {
        problemOf(
          await api.post(
            '/api/v1/p2p/transfers',
            { quoteId, pin: GOOD_PIN, verificationToken: stepUp, [field]: value },
            { token: victim.token },
          ),
          400,
          'invalid_request',
        );
      }
      assert.equal(await api.balance(victim.token), '20.00');
      assert.equal(await api.balance(mallory.token), '10.00');
      assert.equal((await me(api, victim)).tier, 'class_1');
      assert.equal((await me(api, mallory)).tier, 'class_1');
      // The refused calls used up neither the quote nor the SMS verification.
      const paid = await api.post(
        '/api/v1/p2p/transfers',
        { quoteId, pin: GOOD_PIN, verificationToken: stepUp },
        { token: victim.token },
      );
      assert.equal(paid.statusCode, 201, paid.body);
      assert.deepEqual(
        [paid.json<{ amount: string; fee: string }>().amount, paid.json<{ fee: string }>().fee],
        ['1.00', '0.00'],
      );
      assert.equal(await api.balance(victim.token), '19.00');
      assert.equal(await api.balance(mallory.token), '11.00');
    });
  });
}
