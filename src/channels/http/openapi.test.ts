// In-process tests of the OpenAPI 3.1 document and the Swagger UI served from the package.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from './test-app.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('GET /openapi.json', () => {
  it('describes every route in OpenAPI 3.1, error replies included', async () => {
    const { app } = await createTestApp();
    const reply = await app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(reply.statusCode, 200);
    const document = reply.json<OpenApiDocument>();
    assert.equal(document.openapi, '3.1.0');
    assert.deepEqual(document.info, {
      title: 'mwallet',
      version: '0.0.0-test',
      description: 'Open-source mobile money platform.',
    });
    const paths = Object.keys(document.paths);
    for (const path of ['/', '/healthz', '/metrics', '/openapi.json', '/readyz', '/dev/sms']) {
      assert.ok(paths.includes(path), path);
    }
    const api = paths.filter((path) => path.startsWith('/api/v1/'));
    assert.ok(api.length >= 16, `app API paths: ${api.join(', ')}`);
    for (const path of api) {
      for (const [method, operation] of Object.entries(document.paths[path] ?? {})) {
        const statuses = Object.keys(operation.responses);
        assert.ok(
          statuses.some((s) => /^2/.test(s)),
          `${method} ${path} declares its success reply`,
        );
        const problems = statuses.filter(
          (s) => operation.responses[s]?.content?.['application/problem+json'],
        );
        assert.ok(problems.length > 0, `${method} ${path} declares its problem replies`);
        if (method === 'post')
          assert.ok(operation.requestBody?.content?.['application/json']?.schema, `${method} ${path} body`);
      }
    }
    const readyz = document.paths['/readyz']?.get?.responses;
    assert.ok(readyz?.['200']);
    assert.ok(readyz?.['503']?.content?.['application/problem+json']);
    await app.close();
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI and its assets locally', async () => {
    const { app } = await createTestApp();
    const page = await app.inject({ method: 'GET', url: '/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /swagger-ui/);
    assert.doesNotMatch(page.body, /https?:\/\/(?:cdn|unpkg)/);
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    assert.equal(bundle.statusCode, 200);
    await app.close();
  });
});
