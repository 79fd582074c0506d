// In-process test of the front page: HTML in both languages, linking to every operations endpoint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../test-app.js';

describe('GET /', () => {
  it('serves an HTML page in en and zh-CN linking to the docs and the probes', async () => {
    const { app } = await createTestApp();
    const reply = await app.inject({ method: 'GET', url: '/' });
    assert.equal(reply.statusCode, 200);
    assert.match(String(reply.headers['content-type']), /^text\/html/);
    for (const path of ['/docs', '/openapi.json', '/healthz', '/readyz', '/metrics']) {
      assert.ok(reply.body.includes(`href="${path}"`), `links to ${path}`);
    }
    assert.match(reply.body, /开源移动钱包平台/);
    for (const path of ['/docs', '/healthz', '/readyz', '/metrics']) {
      const linked = await app.inject({ method: 'GET', url: path });
      assert.equal(linked.statusCode, 200, `${path} answers`);
    }
    await app.close();
  });
});
