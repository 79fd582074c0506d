// Tests of the HTTP SMS gateway: config parsing, and sends to a real local HTTP server (encoding, auth, errors).

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpSmsGateway, parseSmsGatewayConfig, type SmsGatewayConfig } from './sms-gateway.js';

const GET_URL = 'https://sms.example.com/send?to={to}&text={text}';

function configOf(env: Record<string, string | undefined>): SmsGatewayConfig {
  const result = parseSmsGatewayConfig(env);
  assert.ok(result.ok, `expected a valid config, got ${JSON.stringify(result)}`);
  return result.config;
}

function errorsOf(env: Record<string, string | undefined>): string[] {
  const result = parseSmsGatewayConfig(env);
  assert.ok(!result.ok, 'expected the config to be refused');
  return result.errors;
}

describe('parseSmsGatewayConfig', () => {
  it('reads a GET gateway with the default timeout', () => {
    assert.deepEqual(configOf({ MWALLET_SMS_GATEWAY_URL: GET_URL }), {
      urlTemplate: GET_URL,
      method: 'GET',
      timeoutMs: 5_000,
    });
  });

  it('reads every key, and a body implies POST', () => {
    const env = {
      MWALLET_SMS_GATEWAY_URL: ' http://10.0.0.5:8080/sms ',
      MWALLET_SMS_GATEWAY_BODY: '{"to":"{to}","text":"{text}","from":"mwallet"}',
      MWALLET_SMS_GATEWAY_AUTH: 'Bearer s3cret',
      MWALLET_SMS_GATEWAY_TIMEOUT_MS: '2500',
    };
    const expected = {
      urlTemplate: 'http://10.0.0.5:8080/sms',
      method: 'POST',
      bodyTemplate: '{"to":"{to}","text":"{text}","from":"mwallet"}',
      authorization: 'Bearer s3cret',
      timeoutMs: 2_500,
    };
    assert.deepEqual(configOf(env), expected);
    assert.deepEqual(configOf({ ...env, MWALLET_SMS_GATEWAY_METHOD: 'post' }), expected);
  });

  it('allows placeholders in the path and a POST without body', () => {
    const url = 'https://sms.example.com/send/{to}?text={text}';
    assert.equal(
      configOf({ MWALLET_SMS_GATEWAY_URL: url, MWALLET_SMS_GATEWAY_METHOD: 'POST' }).method,
      'POST',
    );
  });

  it('requires the URL, treating blank as unset', () => {
    assert.deepEqual(errorsOf({ MWALLET_SMS_GATEWAY_URL: '  ' }), [
      `MWALLET_SMS_GATEWAY_URL is required, e.g. ${GET_URL}`,
    ]);
  });

  it('refuses a URL that is not http(s), without echoing it', () => {
    for (const url of ['ftp://key:secret@sms.example.com/{to}/{text}', 'not a url {to} {text}']) {
      const errors = errorsOf({ MWALLET_SMS_GATEWAY_URL: url });
      assert.deepEqual(errors.length, 1);
      assert.match(errors[0] ?? '', /must be an http\(s\) URL/);
      assert.ok(!errors[0]?.includes('secret'));
    }
  });

  it('requires {to} and {text} in the URL or the body', () => {
    assert.deepEqual(errorsOf({ MWALLET_SMS_GATEWAY_URL: 'https://sms.example.com/send' }), [
      'MWALLET_SMS_GATEWAY_URL or MWALLET_SMS_GATEWAY_BODY must contain {to}',
      'MWALLET_SMS_GATEWAY_URL or MWALLET_SMS_GATEWAY_BODY must contain {text}',
    ]);
    const body = '{"text":"{text}"}';
    assert.deepEqual(errorsOf({ MWALLET_SMS_GATEWAY_URL: 'https://h/x', MWALLET_SMS_GATEWAY_BODY: body }), [
      'MWALLET_SMS_GATEWAY_URL or MWALLET_SMS_GATEWAY_BODY must contain {to}',
    ]);
  });

  it('refuses a body that is not a JSON template, or a body with GET', () => {
    const url = 'https://h/send';
    assert.match(
      errorsOf({
        MWALLET_SMS_GATEWAY_URL: url,
        MWALLET_SMS_GATEWAY_BODY: '{"to":{to},"text":"{text}"}',
      }).join(),
      /must be a JSON template/,
    );
    const errors = errorsOf({
      MWALLET_SMS_GATEWAY_URL: url,
      MWALLET_SMS_GATEWAY_METHOD: 'GET',
      MWALLET_SMS_GATEWAY_BODY: '{"to":"{to}","text":"{text}"}',
    });
    assert.deepEqual(errors, ['MWALLET_SMS_GATEWAY_BODY is only used with POST']);
  });

  it('refuses a bad method, timeout or Authorization, reporting all at once', () => {
    const errors = errorsOf({
      MWALLET_SMS_GATEWAY_URL: GET_URL,
      MWALLET_SMS_GATEWAY_METHOD: 'PUT',
      MWALLET_SMS_GATEWAY_TIMEOUT_MS: '1.5',
      MWALLET_SMS_GATEWAY_AUTH: 'Bearer a\r\nX-Evil: 1',
    });
    assert.deepEqual(errors, [
      'MWALLET_SMS_GATEWAY_METHOD must be GET or POST (got "PUT")',
      'MWALLET_SMS_GATEWAY_TIMEOUT_MS must be a whole number from 1 to 60000 (got "1.5")',
      'MWALLET_SMS_GATEWAY_AUTH must be a single line',
    ]);
    for (const timeout of ['0', '60001', 'abc', '-5']) {
      const env = { MWALLET_SMS_GATEWAY_URL: GET_URL, MWALLET_SMS_GATEWAY_TIMEOUT_MS: timeout };
      assert.match(errorsOf(env).join(), /TIMEOUT_MS must be a whole number/, timeout);
    }
  });
});

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Handler = (request: Received, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 recording each request and answering with the current handler. */
async function startGateway(): Promise<{
  server: Server;
  base: string;
  received: Received[];
  reply: Handler[];
}> {
  const received: Received[] = [];
  const reply: Handler[] = [(_request, response) => response.end()];
  const server = createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
    received.push(entry);
    reply[0]?.(entry, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, received, reply };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('createHttpSmsGateway', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  before(async () => {
    gateway = await startGateway();
  });
  after(() => closeServer(gateway.server));

  const setReply = (handler: Handler): void => {
    gateway.reply[0] = handler;
  };
  const lastRequest = (): Received => {
    const request = gateway.received.at(-1);
    assert.ok(request !== undefined, 'the gateway received no request');
    return request;
  };

  it('sends a GET with the number and CJK text URL-encoded', async () => {
    setReply((_request, response) => response.end('queued'));
    const sms = createHttpSmsGateway({
      urlTemplate: `${gateway.base}/send?to={to}&text={text}`,
      method: 'GET',
      timeoutMs: 2_000,
    });
    const text = '【mwallet】验证码 482913 & more=1 #5分钟 100%';
    assert.deepEqual(await sms.send('+8613800138000', text), { ok: true });
    const request = lastRequest();
    assert.equal(request.method, 'GET');
    assert.equal(request.url, `/send?to=%2B8613800138000&text=${encodeURIComponent(text)}`);
    const query = new URL(request.url, gateway.base).searchParams;
    assert.equal(query.get('to'), '+8613800138000');
    assert.equal(query.get('text'), text);
    assert.equal(request.headers.authorization, undefined);
  });

  it('POSTs a JSON body with the text escaped, and the Authorization header', async () => {
    setReply((_request, response) => {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end('{"messageId":"gw-7781","status":"queued"}');
    });
    const sms = createHttpSmsGateway({
      urlTemplate: `${gateway.base}/v1/messages`,
      method: 'POST',
      bodyTemplate: '{"to":"{to}","message":{"text":"{text}","sender":"mwallet"}}',
      authorization: 'Basic bXdhbGxldDpzM2NyZXQ=',
      timeoutMs: 2_000,
    });
    const text = 'He said "pay me"\nline 2\t\\ back {to} 【mwallet】\u0001';
    assert.deepEqual(await sms.send('+8613800138000', text), { ok: true, providerId: 'gw-7781' });
    const request = lastRequest();
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1/messages');
    assert.equal(request.headers.authorization, 'Basic bXdhbGxldDpzM2NyZXQ=');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), {
      to: '+8613800138000',
      message: { text, sender: 'mwallet' },
    });
  });

  it('reads a numeric id from the answer, and none from a non-JSON answer', async () => {
    const sms = createHttpSmsGateway({
      urlTemplate: `${gateway.base}/s?{to}{text}`,
      method: 'GET',
      timeoutMs: 2_000,
    });
    setReply((_request, response) => response.end('{"id":42}'));
    assert.deepEqual(await sms.send('+8613800138000', 'hi'), { ok: true, providerId: '42' });
    setReply((_request, response) => {
      response.writeHead(204);
      response.end();
    });
    assert.deepEqual(await sms.send('+8613800138000', 'hi'), { ok: true });
  });

  it('reports a non-2xx answer as gateway_rejected with its status', async () => {
    const sms = createHttpSmsGateway({
      urlTemplate: `${gateway.base}/s?{to}{text}`,
      method: 'GET',
      timeoutMs: 2_000,
    });
    for (const status of [400, 401, 500, 503]) {
      setReply((_request, response) => {
        response.writeHead(status);
        response.end('{"id":"should-not-count"}');
      });
      assert.deepEqual(await sms.send('+8613800138000', 'hi'), {
        ok: false,
        error: 'gateway_rejected',
        status,
      });
    }
  });

  it('reports a gateway that never answers as gateway_timeout, after about timeoutMs', async () => {
    setReply(() => {});
    const sms = createHttpSmsGateway({
      urlTemplate: `${gateway.base}/s?{to}{text}`,
      method: 'GET',
      timeoutMs: 100,
    });
    const startedAt = performance.now();
    assert.deepEqual(await sms.send('+8613800138000', 'hi'), { ok: false, error: 'gateway_timeout' });
    const elapsed = performance.now() - startedAt;
    assert.ok(elapsed >= 90 && elapsed < 2_000, `took ${elapsed} ms`);
  });
});

describe('createHttpSmsGateway without a gateway', () => {
  it('reports a closed port as gateway_unreachable', async () => {
    const { server, base } = await startGateway();
    await closeServer(server);
    const sms = createHttpSmsGateway({
      urlTemplate: `${base}/s?{to}{text}`,
      method: 'GET',
      timeoutMs: 2_000,
    });
    assert.deepEqual(await sms.send('+8613800138000', 'hi'), { ok: false, error: 'gateway_unreachable' });
  });
});
