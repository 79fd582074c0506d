// Drives the GSMA API in-process as a partner would: clients with credentials, and every reply checked against the spec.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../src/channels/http/test-app.js';
import { createClient, type NewClientCredentials } from '../../src/domain/clients/api-client.js';
import { specViolations } from './gsma-spec.js';

export const MM = '/gsma/v1.2/mm';
export const TOKEN_URL = '/gsma/v1/oauth/accesstoken';

/** Which headers a call sends: the API key, and Basic, Bearer or no Authorization. */
export interface GsmaAuth {
  apiKey?: string;
  basic?: { key: string; secret: string };
  bearer?: string;
}

export function basicHeader(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export function headersOf(auth: GsmaAuth): Record<string, string> {
  const headers: Record<string, string> = {};
  if (auth.apiKey !== undefined) headers['x-api-key'] = auth.apiKey;
  if (auth.basic) headers.authorization = basicHeader(auth.basic.key, auth.basic.secret);
  if (auth.bearer !== undefined) headers.authorization = `Bearer ${auth.bearer}`;
  return headers;
}

/** A new client acting for the operator, for the merchant `party`, or for the agent `{ agentId }`. */
export async function newClient(
  test: TestApp,
  party?: string | { agentId: string },
): Promise<NewClientCredentials> {
  const created = await createClient(test.platform.ctx, {
    name: 'Test aggregator',
    actor: 'test',
    ...(party === undefined ? {} : typeof party === 'string' ? { merchantId: party } : party),
  });
  assert.ok(created.ok, created.ok ? '' : created.error);
  return created.credentials;
}

/** Basic (development level) credentials of a client. */
export function basicAuth(credentials: NewClientCredentials): GsmaAuth {
  return {
    apiKey: credentials.apiKey,
    basic: { key: credentials.client.consumerKey, secret: credentials.consumerSecret },
  };
}

/** A call under /gsma/v1.2/mm; fails the test unless the reply is one the spec declares, with a body matching its schema. */
export async function gsmaCall(
  test: TestApp,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  auth: GsmaAuth,
  options: { body?: object; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const url = `${MM}${path}`;
  const reply = await test.app.inject({
    method,
    url,
    headers: { ...headersOf(auth), ...options.headers },
    ...(options.body === undefined ? {} : { payload: options.body }),
  });
  const violations = specViolations(
    method,
    url,
    reply.statusCode,
    String(reply.headers['content-type'] ?? ''),
    reply.body,
  );
  assert.deepEqual(violations, [], `${method} ${url} → ${reply.statusCode} ${reply.body}`);
  return reply;
}

/** PATCH /transactions/{reference} setting `/transactionStatus`: a customer's answer, given by the operator's client. */
export function patchTransactionStatus(
  test: TestApp,
  reference: string,
  value: string,
  auth: GsmaAuth,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const body = [{ op: 'replace', path: '/transactionStatus', value }];
  return gsmaCall(test, 'PATCH', `/transactions/${reference}`, auth, { body, headers });
}

export function gsmaGet(test: TestApp, path: string, auth: GsmaAuth): Promise<LightMyRequestResponse> {
  return gsmaCall(test, 'GET', path, auth);
}

/** POST a body, with an X-CorrelationID when one is given. */
export function gsmaPost(
  test: TestApp,
  path: string,
  auth: GsmaAuth,
  body: object,
  correlationId?: string,
): Promise<LightMyRequestResponse> {
  return gsmaCall(test, 'POST', path, auth, {
    body,
    ...(correlationId === undefined ? {} : { headers: { 'x-correlationid': correlationId } }),
  });
}

/** The token endpoint (outside the spec's paths: its reply is RFC 6749's). */
export function requestToken(test: TestApp, auth: GsmaAuth, form = 'grant_type=client_credentials') {
  return test.app.inject({
    method: 'POST',
    url: TOKEN_URL,
    headers: { ...headersOf(auth), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form,
  });
}

/** Bearer (standard level) credentials of a client, with a token fresh from the token endpoint. */
export async function bearerAuth(test: TestApp, credentials: NewClientCredentials): Promise<GsmaAuth> {
  const issued = await requestToken(test, basicAuth(credentials));
  assert.equal(issued.statusCode, 200, issued.body);
  return { apiKey: credentials.apiKey, bearer: issued.json<{ access_token: string }>().access_token };
}

/** The spec's transaction object, as the tests read it. */
export interface TransactionReply {
  transactionReference: string;
  transactionStatus: string;
  amount: string;
  debitParty: unknown;
  creditParty: unknown;
}

/** Asserts a 201 with a transaction of this reference prefix (`mpy_`…) and status; answers its body. */
export function createdTransaction(
  reply: LightMyRequestResponse,
  prefix: string,
  status: string,
): TransactionReply {
  assert.equal(reply.statusCode, 201, reply.body);
  const body = reply.json<TransactionReply>();
  assert.ok(body.transactionReference.startsWith(prefix), body.transactionReference);
  assert.equal(body.transactionStatus, status);
  return body;
}

/** Asserts the spec's errorObject with this status, category and code. */
export function assertGsmaError(
  reply: LightMyRequestResponse,
  status: number,
  category: string,
  code: string,
): void {
  assert.equal(reply.statusCode, status, reply.body);
  const body = reply.json<{
    errorCategory: string;
    errorCode: string;
    errorDescription: string;
    errorDateTime: string;
  }>();
  assert.equal(body.errorCategory, category, reply.body);
  assert.equal(body.errorCode, code, reply.body);
  assert.ok(body.errorDescription.length > 0);
  assert.ok(!Number.isNaN(Date.parse(body.errorDateTime)));
}

/** A party as the spec's debitParty/creditParty lists it: a wallet by number, an organisation by account id. */
export const msisdn = (value: string) => [{ key: 'msisdn', value }];
export const accountId = (value: string) => [{ key: 'accountid', value }];
