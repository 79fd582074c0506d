// In-process tests of the liveness and readiness probes over a real SQLite store.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../test-app.js';

describe('GET /healthz', () => {
  it('answers 200 ok without touching the database', async () => {
    const { app, store } = await createTestApp();
    await store.close();
    const reply = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(reply.json(), { status: 'ok' });
    assert.equal(reply.headers['cache-control'], 'no-store');
    await app.close();
  });
});

describe('GET /readyz', () => {
  it('answers 200 ready when the database answers', async () => {
    const { app } = await createTestApp();
    const reply = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(reply.statusCode, 200);
    assert.deepEqual(reply.json(), { status: 'ready' });
    await app.close();
  });

  it('answers 503 problem+json, without the failure details, when the database is gone', async () => {
    const { app, store } = await createTestApp();
    await store.close();
    const reply = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(reply.statusCode, 503);
    assert.match(String(reply.headers['content-type']), /^application\/problem\+json/);
    assert.deepEqual(reply.json(), {
      type: 'urn:mwallet:problem:not_ready',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database is not reachable.',
      code: 'not_ready',
    });
    assert.doesNotMatch(reply.body, /connection is not open/);
    await app.close();
  });
});
