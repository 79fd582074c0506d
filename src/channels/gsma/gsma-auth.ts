// Reads a GSMA API request's X-API-Key and Authorization headers and finds the client making it.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { ApiClient } from '../../domain/clients/api-client.js';
import { authenticateClient, type ClientCredentials } from '../../domain/clients/client-auth.js';
import type { DomainContext } from '../../domain/context.js';
import { sendGsmaError } from './gsma-errors.js';

/** Consumer key and secret from an `Authorization: Basic base64(key:secret)` header, if it is one. */
export function basicCredentials(header: string | undefined): { key: string; secret: string } | undefined {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]{1,400})$/i);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** `none` without a header; undefined when the header is neither a well-formed Basic nor Bearer credential. */
function credentialsOf(header: string | undefined): ClientCredentials | undefined {
  if (header === undefined) return { kind: 'none' };
  const basic = basicCredentials(header);
  if (basic) return { kind: 'basic', consumerKey: basic.key, consumerSecret: basic.secret };
  const bearer = header.match(/^Bearer\s+([A-Za-z0-9._~+/=-]{1,400})$/i);
  return bearer?.[1] ? { kind: 'bearer', token: bearer[1] } : undefined;
}

const clients = new WeakMap<FastifyRequest, ApiClient>();

/** The client a request was authenticated as (by the hook of its scope). */
export function clientOf(request: FastifyRequest): ApiClient {
  const client = clients.get(request);
  if (!client) throw new Error('GSMA route reached without an authenticated client');
  return client;
}

/**
 * An onRequest hook: the X-API-Key header names the client; unless `apiKeyOnly`, an Authorization header of the
 * same client must come too, HTTP Basic with its consumer key and secret (GSMA "development level", only where
 * MWALLET_GSMA_ALLOW_BASIC allows it: by default in demo mode) or an OAuth2 access token from
 * POST /gsma/v1/oauth/accesstoken (GSMA "standard level").
 */
export function requireClient(
  ctx: DomainContext,
  options: { apiKeyOnly: boolean },
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey !== 'string' || apiKey === '')
      return sendGsmaError(reply, ctx.clock, 'api_key_missing');
    const credentials = credentialsOf(request.headers.authorization);
    if (!credentials) return sendGsmaError(reply, ctx.clock, 'credentials_invalid');
    if (credentials.kind === 'basic' && !ctx.settings.gsma.allowBasicAuth) {
      return sendGsmaError(reply, ctx.clock, 'basic_auth_refused');
    }
    if (credentials.kind === 'none' && !options.apiKeyOnly) {
      return sendGsmaError(reply, ctx.clock, 'credentials_missing');
    }
    const result = await authenticateClient(ctx, apiKey, credentials);
    if (!result.ok) return sendGsmaError(reply, ctx.clock, result.error);
    clients.set(request, result.client);
  };
}
