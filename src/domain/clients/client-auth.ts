// Authenticating partner API clients: API key plus HTTP Basic (consumer key and secret) or an OAuth2 access token.
import type { DomainContext } from '../context.js';
import { pinMatches } from '../customers/pin-hash.js';
import { newToken } from '../ids.js';
import { keyedHash } from '../keys.js';
import { type ApiClient, apiKeyHash, CLIENT_COLUMNS, type ClientRow, clientFromRow } from './api-client.js';

/** How long an access token lives (the `expires_in` of the token reply). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** What came with a request besides the API key; `none` for calls that need the API key alone. */
export type ClientCredentials =
  | { kind: 'none' }
  | { kind: 'basic'; consumerKey: string; consumerSecret: string }
  | { kind: 'bearer'; token: string };

export type ClientAuthError = 'api_key_invalid' | 'credentials_invalid' | 'token_invalid';

export type ClientAuthResult = { ok: true; client: ApiClient } | { ok: false; error: ClientAuthError };

export type IssueTokenResult =
  | { ok: true; accessToken: string; expiresIn: number; client: ApiClient }
  | { ok: false; error: 'invalid_client' };

/** Compared against when no client matches, so an unknown consumer key costs as long as a wrong secret. */
const NO_SECRET = { salt: Buffer.alloc(16), hash: Buffer.alloc(32) };
const MAX_CREDENTIAL_LENGTH = 200;

function tokenHash(ctx: DomainContext, token: string): Buffer {
  return keyedHash(ctx.keys.sessions, token);
}

/** A client not revoked, acting for the operator or for a merchant that is active (not pending, suspended or closed). */
async function liveClientBy(
  ctx: DomainContext,
  column: 'api_key_hash' | 'consumer_key',
  value: Buffer | string,
) {
  return ctx.db.get<ClientRow & { api_key_hash: Buffer }>(
    `SELECT ${CLIENT_COLUMNS}, api_key_hash FROM api_clients c WHERE ${column} = $1 AND revoked_at IS NULL
       AND (merchant_id IS NULL OR EXISTS (SELECT 1 FROM merchants m WHERE m.id = c.merchant_id AND m.status = 'active'))`,
    [value],
  );
}

async function secretMatches(
  ctx: DomainContext,
  secret: string,
  row: ClientRow | undefined,
): Promise<boolean> {
  const verifier = row ? { salt: row.secret_salt, hash: row.secret_hash } : NO_SECRET;
  const matches = await pinMatches(ctx.keys.sessions, secret.slice(0, MAX_CREDENTIAL_LENGTH), verifier);
  return row !== undefined && matches;
}

/** The live client holding `apiKey`, if the credentials given with it are that same client's. */
export async function authenticateClient(
  ctx: DomainContext,
  apiKey: string,
  credentials: ClientCredentials,
): Promise<ClientAuthResult> {
  if (apiKey.length === 0 || apiKey.length > MAX_CREDENTIAL_LENGTH)
    return { ok: false, error: 'api_key_invalid' };
  const row = await liveClientBy(ctx, 'api_key_hash', apiKeyHash(ctx, apiKey));
  if (!row) return { ok: false, error: 'api_key_invalid' };
  const client = clientFromRow(row);
  if (credentials.kind === 'basic') {
    const same = credentials.consumerKey === row.consumer_key;
    if (!(await secretMatches(ctx, credentials.consumerSecret, same ? row : undefined))) {
      return { ok: false, error: 'credentials_invalid' };
    }
  } else if (credentials.kind === 'bearer') {
    const token = await ctx.db.get<{ client_id: string }>(
      'SELECT client_id FROM api_client_tokens WHERE token_hash = $1 AND client_id = $2 AND expires_at > $3',
      [tokenHash(ctx, credentials.token.slice(0, MAX_CREDENTIAL_LENGTH)), client.id, BigInt(ctx.clock())],
    );
    if (!token) return { ok: false, error: 'token_invalid' };
  }
  return { ok: true, client };
}

/**
 * The OAuth2 client-credentials grant: a new random access token for the client whose consumer key and secret
 * these are (and whose API key this is, when one is sent), valid for {@link ACCESS_TOKEN_TTL_SECONDS}.
 */
export async function issueToken(
  ctx: DomainContext,
  request: { consumerKey: string; consumerSecret: string; apiKey?: string },
): Promise<IssueTokenResult> {
  const key = request.consumerKey.slice(0, MAX_CREDENTIAL_LENGTH);
  const row = await liveClientBy(ctx, 'consumer_key', key);
  if (!(await secretMatches(ctx, request.consumerSecret, row)) || !row)
    return { ok: false, error: 'invalid_client' };
  if (request.apiKey !== undefined && !apiKeyHash(ctx, request.apiKey).equals(row.api_key_hash)) {
    return { ok: false, error: 'invalid_client' };
  }
  const accessToken = newToken();
  const now = ctx.clock();
  await ctx.db.run(
    'INSERT INTO api_client_tokens (token_hash, client_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [tokenHash(ctx, accessToken), row.id, BigInt(now), BigInt(now + ACCESS_TOKEN_TTL_SECONDS * 1000)],
  );
  return { ok: true, accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, client: clientFromRow(row) };
}
