// In-process tests of the error handler: every failure leaves as RFC 9457 problem+json.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from './test-app.js';

/** The app with two routes that exist only in these tests: a schema-validated echo and a crash. */
async function appWithTestRoutes(): Promise<FastifyInstance> {
  const { app } = await createTestApp();
  app.post(
    '/test/echo',
    {
      schema: {
        body: Type.Object({ name: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      },
    },
    async (request) => request.body,
  );
  app.get('/test/crash', async () => {
    throw new Error('secret internal state');
  });
  return app;
}

function assertProblem(
  reply: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
  code: string,
): { detail: string } {
  assert.equal(reply.statusCode, status);
  assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
  const body = reply.json();
  assert.ok(typeof body === 'object' && body !== null);
  assert.deepEqual(Object.keys(body).sort(), ['code', 'detail', 'status', 'title', 'type']);
  assert.ok('code' in body && 'status' in body && 'type' in body && 'detail' in body);
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(body.type, `urn:mwallet:problem:${code}`);
  assert.equal(typeof body.detail, 'string');
  return { detail: String(body.detail) };
}

describe('error handling', () => {
  it('answers unknown routes with 404 not_found', async () => {
    const { app } = await createTestApp();
    const reply = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    assert.equal(assertProblem(reply, 404, 'not_found').detail, 'There is no route GET /nowhere.');
    await app.close();
  });

  it('answers schema violations with 400 invalid_request and a readable detail', async () => {
    const app = await appWithTestRoutes();
    const missing = await app.inject({ method: 'POST', url: '/test/echo', payload: {} });
    assert.match(
      assertProblem(missing, 400, 'invalid_request').detail,
      /body must have required property 'name'/,
    );
    const extra = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'a', admin: true },
    });
    assert.match(assertProblem(extra, 400, 'invalid_request').detail, /additional properties/);
    const ok = await app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'a' } });
    assert.deepEqual(ok.json(), { name: 'a' });
    await app.close();
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const app = await appWithTestRoutes();
    const reply = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    assertProblem(reply, 400, 'invalid_request');
    await app.close();
  });

  it('answers bodies over the limit with 413 payload_too_large', async () => {
    const app = await appWithTestRoutes();
    const reply = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: { name: 'x'.repeat(1024 * 1024 + 1) },
    });
    assertProblem(reply, 413, 'payload_too_large');
    await app.close();
  });

  it('answers unsupported media types with 415', async () => {
    const app = await appWithTestRoutes();
    const reply = await app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>',
    });
    assertProblem(reply, 415, 'unsupported_media_type');
    await app.close();
  });

  it('answers unexpected errors with 500 internal_error, hiding the message and stack', async () => {
    const app = await appWithTestRoutes();
    const reply = await app.inject({ method: 'GET', url: '/test/crash' });
    assertProblem(reply, 500, 'internal_error');
    assert.doesNotMatch(reply.body, /secret internal state|at .*\.js/);
    await app.close();
  });
});
