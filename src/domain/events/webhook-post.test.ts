// Tests of the webhook POST: statuses and timeouts, and no connection to a private address, even through a name.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { postWebhook } from './webhook-post.js';

describe('postWebhook', () => {
  let requests = 0;
  let port = 0;
  const server = createServer((request, response) => {
    requests++;
    request.resume();
    if (request.url === '/slow') return;
    response.writeHead(request.url === '/fail' ? 503 : 204).end();
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  const post = (path: string, host: string, allowPrivate: boolean, timeoutMs = 2000) =>
    postWebhook(new URL(`http://${host}:${port}${path}`), { 'content-type': 'application/json' }, '{}', {
      timeoutMs,
      allowPrivate,
    });

  it('answers the status code, or the timeout', async () => {
    assert.deepEqual(await post('/ok', '127.0.0.1', true), { statusCode: 204, error: null });
    assert.deepEqual(await post('/fail', '127.0.0.1', true), { statusCode: 503, error: null });
    assert.deepEqual(await post('/slow', '127.0.0.1', true, 100), { statusCode: null, error: 'timeout' });
  });

  it('never connects to a private address unless allowed, whether written as an IP or a name', async () => {
    const before = requests;
    assert.deepEqual(await post('/ok', '127.0.0.1', false), { statusCode: null, error: 'private_address' });
    // `localhost` resolves at connection time through the guarded lookup, which refuses loopback.
    assert.deepEqual(await post('/ok', 'localhost', false), { statusCode: null, error: 'private_address' });
    assert.equal(requests, before);
  });
});
