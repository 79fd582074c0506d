// In-process tests of the Prometheus endpoint and the HTTP request metrics.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../test-app.js';

describe('GET /metrics', () => {
  it('serves Node defaults and counts requests by route template and status', async () => {
    const { app } = await createTestApp();
    await app.inject({ method: 'GET', url: '/healthz' });
    await app.inject({ method: 'GET', url: '/no/such/route/42' });
    const reply = await app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(reply.body, /^process_cpu_user_seconds_total /m);
    assert.match(reply.body, /^http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 1$/m);
    assert.match(reply.body, /^http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1$/m);
    assert.match(
      reply.body,
      /^http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 1$/m,
    );
    await app.close();
  });

  it('keeps each app in its own registry', async () => {
    const first = await createTestApp();
    const second = await createTestApp();
    await first.app.inject({ method: 'GET', url: '/healthz' });
    const reply = await second.app.inject({ method: 'GET', url: '/metrics' });
    assert.doesNotMatch(reply.body, /route="\/healthz"/);
    await Promise.all([first.app.close(), second.app.close()]);
  });
});
