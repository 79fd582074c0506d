// In-process test of serving the built web apps: the page, its bundle, the redirect, the security headers, the front page's links.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp, type TestApp } from '../test-app.js';
import { listBuiltWebApps } from './register-web-apps.js';

describe('web apps', () => {
  let test: TestApp;
  before(async () => {
    test = await createTestApp();
  });
  after(() => test.close());

  it('are built by npm run build (at least the customer wallet)', async () => {
    assert.ok((await listBuiltWebApps()).includes('wallet'));
  });

  it('serve the wallet page and its bundle with a strict content security policy', async () => {
    const page = await test.app.inject({ method: 'GET', url: '/wallet/' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<script type="module" src="app.js"><\/script>/);
    const policy = String(page.headers['content-security-policy']);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.match(policy, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');

    const bundle = await test.app.inject({ method: 'GET', url: '/wallet/app.js' });
    assert.equal(bundle.statusCode, 200);
    assert.match(String(bundle.headers['content-type']), /javascript/);
    const compressed = await test.app.inject({
      method: 'GET',
      url: '/wallet/app.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    assert.equal(compressed.headers['content-encoding'], 'br');
    assert.ok(compressed.rawPayload.length < bundle.rawPayload.length / 2, 'sent precompressed');
    assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), bundle.body);
    const manifest = await test.app.inject({ method: 'GET', url: '/wallet/manifest.webmanifest' });
    assert.equal(manifest.statusCode, 200);
    assert.equal(manifest.json<{ start_url: string }>().start_url, './');
  });

  it('redirect /wallet to /wallet/, answer 404 for files that do not exist, and are linked from /', async () => {
    const bare = await test.app.inject({ method: 'GET', url: '/wallet' });
    assert.equal(bare.statusCode, 302);
    assert.equal(bare.headers.location, '/wallet/');
    const missing = await test.app.inject({ method: 'GET', url: '/wallet/../../package.json' });
    assert.equal(missing.statusCode, 404);
    const unknown = await test.app.inject({ method: 'GET', url: '/wallet/nothing.js' });
    assert.equal(unknown.statusCode, 404);
    const home = await test.app.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /href="\/wallet\/"/);
  });
});
