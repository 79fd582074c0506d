// Partner API clients: who they act for, issuing their credentials (shown once, stored only as hashes) and revoking them.

import { findAgent } from '../agents/agents.js';
import { recordAudit } from '../audit/audit-log.js';
import type { DomainContext } from '../context.js';
import { createPinVerifier } from '../customers/pin-hash.js';
import { newId, newToken } from '../ids.js';
import { keyedHash } from '../keys.js';
import { findMerchant } from '../merchants/merchant-queries.js';

/** The party a client acts for: the operator itself, one merchant or one agent. */
export type ClientParty =
  | { kind: 'operator' }
  | { kind: 'merchant'; merchantId: string }
  | { kind: 'agent'; agentId: string };

export interface ApiClient {
  id: string;
  name: string;
  party: ClientParty;
  consumerKey: string;
  createdAt: number;
}

/** What a new client receives, once: the consumer secret and API key are never stored in clear. */
export interface NewClientCredentials {
  client: ApiClient;
  consumerSecret: string;
  apiKey: string;
}

export type CreateClientResult =
  | { ok: true; credentials: NewClientCredentials }
  | { ok: false; error: 'name_invalid' | 'merchant_not_found' | 'agent_not_found' | 'party_ambiguous' };

export type RevokeClientResult = { ok: true } | { ok: false; error: 'client_not_found' | 'already_revoked' };

const MAX_NAME_LENGTH = 100;

export interface ClientRow {
  [column: string]: unknown;
  id: string;
  name: string;
  merchant_id: string | null;
  agent_id: string | null;
  consumer_key: string;
  secret_salt: Buffer;
  secret_hash: Buffer;
  created_at: bigint;
}

export const CLIENT_COLUMNS =
  'id, name, merchant_id, agent_id, consumer_key, secret_salt, secret_hash, created_at';

function partyOf(merchantId: string | undefined, agentId: string | undefined): ClientParty {
  if (merchantId !== undefined) return { kind: 'merchant', merchantId };
  if (agentId !== undefined) return { kind: 'agent', agentId };
  return { kind: 'operator' };
}

export function clientFromRow(row: ClientRow): ApiClient {
  return {
    id: row.id,
    name: row.name,
    party: partyOf(row.merchant_id ?? undefined, row.agent_id ?? undefined),
    consumerKey: row.consumer_key,
    createdAt: Number(row.created_at),
  };
}

/**
 * Who a client is to the customers it serves face to face (named in their SMS and KYC decisions): its agent, or the
 * operator's partner. Undefined for a merchant's client, which opens no wallets and verifies nobody.
 */
export async function customerFacingName(ctx: DomainContext, client: ApiClient): Promise<string | undefined> {
  if (client.party.kind === 'operator') return client.name;
  if (client.party.kind === 'agent') return (await findAgent(ctx, client.party.agentId))?.name;
  return undefined;
}

/** How the API key is stored: a keyed hash, so it can be looked up but not read back. */
export function apiKeyHash(ctx: DomainContext, apiKey: string): Buffer {
  return keyedHash(ctx.keys.sessions, apiKey);
}

export async function createClient(
  ctx: DomainContext,
  request: { name: string; merchantId?: string; agentId?: string; actor: string },
): Promise<CreateClientResult> {
  const name = request.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) return { ok: false, error: 'name_invalid' };
  if (request.merchantId !== undefined && request.agentId !== undefined) {
    return { ok: false, error: 'party_ambiguous' };
  }
  if (request.merchantId !== undefined && !(await findMerchant(ctx.db, request.merchantId))) {
    return { ok: false, error: 'merchant_not_found' };
  }
  if (request.agentId !== undefined && !(await findAgent(ctx, request.agentId))) {
    return { ok: false, error: 'agent_not_found' };
  }
  const consumerSecret = `cs_${newToken()}`;
  const apiKey = `ak_${newToken()}`;
  // The secret is random (256 bits); the slow salted hash still guards it should the database leak.
  const verifier = await createPinVerifier(ctx.keys.sessions, consumerSecret);
  const now = ctx.clock();
  const client: ApiClient = {
    id: newId('cli'),
    name,
    party: partyOf(request.merchantId, request.agentId),
    consumerKey: newId('ck'),
    createdAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO api_clients (id, name, merchant_id, agent_id, consumer_key, secret_salt, secret_hash, api_key_hash,
         created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        client.id,
        name,
        request.merchantId ?? null,
        request.agentId ?? null,
        client.consumerKey,
        verifier.salt,
        verifier.hash,
        apiKeyHash(ctx, apiKey),
        BigInt(now),
      ],
    );
    await recordAudit(
      tx,
      {
        actor: request.actor,
        action: 'api_client.create',
        subject: `api_client:${client.id}`,
        details: { name, merchantId: request.merchantId ?? null, agentId: request.agentId ?? null },
      },
      now,
    );
  });
  return { ok: true, credentials: { client, consumerSecret, apiKey } };
}

/** Revokes a client (by id or consumer key) at once: its API key, consumer secret and every token it holds stop working. */
export async function revokeClient(
  ctx: DomainContext,
  clientIdOrConsumerKey: string,
  actor: string,
): Promise<RevokeClientResult> {
  return ctx.db.transaction(async (tx): Promise<RevokeClientResult> => {
    const row = await tx.get<{ id: string; revoked_at: bigint | null }>(
      `SELECT id, revoked_at FROM api_clients WHERE id = $1 OR consumer_key = $1${ctx.db.forUpdate}`,
      [clientIdOrConsumerKey],
    );
    if (!row) return { ok: false, error: 'client_not_found' };
    const clientId = row.id;
    if (row.revoked_at !== null) return { ok: false, error: 'already_revoked' };
    const now = ctx.clock();
    await tx.run('UPDATE api_clients SET revoked_at = $1 WHERE id = $2', [BigInt(now), clientId]);
    await recordAudit(
      tx,
      { actor, action: 'api_client.revoke', subject: `api_client:${clientId}`, details: {} },
      now,
    );
    return { ok: true };
  });
}
