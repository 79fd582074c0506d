// Drives the merchant API in-process the way a merchant's server would: onboarding by staff, signed requests.
import assert from 'node:assert/strict';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../src/channels/http/test-app.js';
import { issueCredential } from '../../src/domain/merchants/merchant-credentials.js';
import { applyMerchant, decideMerchant } from '../../src/domain/merchants/merchant-onboarding.js';
import { addStore, addTill } from '../../src/domain/merchants/merchant-outlets.js';
import { authorizationHeader } from '../../src/domain/merchants/request-signing.js';
import { type ApiDriver, type Customer, GOOD_PIN } from './api-driver.js';

export interface TestMerchant {
  id: string;
  keyId: string;
  secret: string;
  tillId: string;
}

export interface SignedCall {
  /** Idempotency-Key; a fresh one by default, `null` to send none. */
  key?: string | null;
  /** Signing overrides, to test refusals. */
  timestamp?: number;
  nonce?: string;
  secret?: string;
  keyId?: string;
}

/** An approved merchant with an API key and one store with one till. */
export async function onboardMerchant(
  test: TestApp,
  options: { name?: string; mcc?: string; rateLimitPerMinute?: number } = {},
): Promise<TestMerchant> {
  const { ctx } = test.platform;
  const applied = await applyMerchant(
    ctx,
    {
      name: options.name ?? 'Chengdu Fresh Market',
      mcc: options.mcc ?? '5411',
      licenceNumber: `91510100${randomInt(1e9).toString().padStart(9, '0')}X`,
      contactName: 'Li Wei',
      contactPhone: '13900000000',
      contactEmail: 'li.wei@example.com',
      city: 'Chengdu',
      bankName: 'Bank of Chengdu',
      bankAccountNumber: '6228480012345678901',
      bankAccountHolder: 'Chengdu Fresh Market Ltd',
      ...(options.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: options.rateLimitPerMinute }),
    },
    'test',
  );
  assert.ok(applied.ok, applied.ok ? '' : applied.error);
  const id = applied.merchant.id;
  const approved = await decideMerchant(ctx, id, 'approve', 'test', 'documents checked');
  assert.ok(approved.ok);
  const credential = await issueCredential(ctx, id, 'test');
  const store = await addStore(ctx, id, { name: 'Main street', city: 'Chengdu' });
  assert.ok(store.ok);
  const till = await addTill(ctx, id, { storeId: store.id, name: 'Till 1' });
  assert.ok(till.ok);
  return { id, keyId: credential.keyId, secret: credential.secret, tillId: till.id };
}

export class MerchantDriver {
  constructor(
    readonly test: TestApp,
    readonly merchant: TestMerchant,
  ) {}

  /** A signed request to the merchant API (path relative to /merchant/v1). */
  send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    call: SignedCall = {},
  ): Promise<LightMyRequestResponse> {
    const url = `/merchant/v1${path}`;
    const text = body === undefined ? '' : JSON.stringify(body);
    const parts = {
      method,
      path: url,
      timestamp: call.timestamp ?? Math.floor(this.test.platform.ctx.clock() / 1000),
      nonce: call.nonce ?? randomBytes(12).toString('base64url'),
      body: text,
    };
    const headers: Record<string, string> = {
      authorization: authorizationHeader(
        call.keyId ?? this.merchant.keyId,
        call.secret ?? this.merchant.secret,
        parts,
      ),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && call.key !== null) headers['idempotency-key'] = call.key ?? randomUUID();
    return this.test.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: text }) });
  }

  get(path: string, call?: SignedCall) {
    return this.send('GET', path, undefined, call);
  }

  post(path: string, body: unknown, call?: SignedCall) {
    return this.send('POST', path, body, call);
  }

  /** Creates an order and returns its reply body. */
  async order(
    body: Record<string, unknown>,
  ): Promise<{ id: string; qrPayload?: string; checkoutUrl?: string; status: string }> {
    const reply = await this.post('/orders', {
      reference: `ord-${randomUUID()}`,
      description: 'Test order',
      ...body,
    });
    assert.equal(reply.statusCode, 201, reply.body);
    return reply.json();
  }

  /** The till's static QR payload. */
  async tillQr(): Promise<string> {
    const reply = await this.get(`/tills/${this.merchant.tillId}/qr`);
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json<{ payload: string }>().payload;
  }

  /** The customer pays this merchant's till QR with the PIN; answers the payment's id. */
  async paidBy(api: ApiDriver, customer: Customer, amount: string): Promise<string> {
    const paid = await api.post(
      '/api/v1/merchant-payments',
      { payload: await this.tillQr(), amount, pin: GOOD_PIN },
      { token: customer.token },
    );
    assert.equal(paid.statusCode, 201, paid.body);
    return paid.json<{ id: string }>().id;
  }
}
