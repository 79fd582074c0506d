// Drives the merchant portal's API in-process the way the web portal does: SMS-code login, then bearer requests.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { MerchantRole } from '../../src/domain/merchants/merchant-outlets.js';
import { addTeamMember } from '../../src/domain/merchants/merchant-team.js';
import type { ApiDriver } from './api-driver.js';

export interface PortalCall {
  /** Idempotency-Key; a fresh one by default on changes, `null` to send none. */
  key?: string | null;
}

export class PortalDriver {
  constructor(readonly api: ApiDriver) {}

  /** Adds a user to a merchant (as staff would) and returns their id. */
  async addUser(
    merchantId: string,
    phone: string,
    role: MerchantRole,
    name = `User ${role}`,
    storeId?: string,
  ): Promise<string> {
    const member = { phone, name, role, ...(storeId === undefined ? {} : { storeId }) };
    const added = await addTeamMember(this.api.test.platform.ctx, merchantId, member, 'test');
    assert.ok(added.ok, added.ok ? '' : added.error);
    return added.id;
  }

  /** Asks for a login code, after waiting out the minute between codes to one number. */
  requestCode(phone: string): Promise<LightMyRequestResponse> {
    this.api.test.advance(61_000);
    return this.api.post('/merchant/v1/session/code', { phone });
  }

  /** POST /session with a code. */
  submit(body: { phone: string; code: string; merchantId?: string }, call: PortalCall = {}) {
    return this.api.post('/merchant/v1/session', body, { key: call.key });
  }

  /** Logs in end to end (code from the dev SMS outbox) and returns the bearer token. */
  async logIn(phone: string, merchantId?: string): Promise<string> {
    const requested = await this.requestCode(phone);
    assert.equal(requested.statusCode, 202, requested.body);
    const code = await this.api.lastCode(phone);
    const reply = await this.submit({ phone, code, ...(merchantId ? { merchantId } : {}) });
    assert.equal(reply.statusCode, 201, reply.body);
    return reply.json<{ token: string }>().token;
  }

  /** A request with the portal session (path relative to /merchant/v1). */
  send(
    token: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    call: PortalCall = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (method !== 'GET' && call.key !== null) headers['idempotency-key'] = call.key ?? randomUUID();
    return this.api.test.app.inject({
      method,
      url: `/merchant/v1${path}`,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
  }

  get(token: string, path: string) {
    return this.send(token, 'GET', path);
  }
}
