// The merchant's API keys over the merchant API: the list (never a secret), and new keys with rotation (owners).
import { Type } from '@sinclair/typebox';
import {
  isCurrentKey,
  issueCredential,
  listCredentials,
} from '../../../domain/merchants/merchant-credentials.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, problemReplies } from '../api/schemas.js';
import { actorOf, callerOf, SIGNED_SECURITY } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';
import { IdParam } from './merchant-schemas.js';

const tags = ['merchant'];
const DEFAULT_OVERLAP_SECONDS = 86_400;

const CredentialSchema = Type.Object({
  keyId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When a rotated-out key stops working; null for a current key',
  }),
  status: Type.Union([Type.Literal('current'), Type.Literal('expiring'), Type.Literal('expired')]),
});

export function registerMerchantCredentialRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/credentials',
    {
      config: { merchantAccess: 'owner' },
      schema: {
        tags,
        summary: 'The API keys: ids, when made, when they stop working (secrets are never shown again)',
        security: SIGNED_SECURITY,
        response: {
          200: Type.Array(CredentialSchema),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => {
      const now = ctx.clock();
      const keys = await listCredentials(ctx, callerOf(request).merchant.id);
      return keys.map((key) => ({
        keyId: key.keyId,
        createdAt: iso(key.createdAt),
        expiresAt: key.expiresAt === null ? null : iso(key.expiresAt),
        status: key.expiresAt === null ? 'current' : key.expiresAt > now ? 'expiring' : 'expired',
      }));
    },
  );

  app.post(
    '/credentials',
    {
      config: { merchantAccess: 'owner' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'A new API key (its secret is shown only here), replacing a current one after an overlap',
        description:
          'Signed with a key, the key that signed is the one replaced (and it must be current). From the portal, ' +
          '`replaceKeyId` names the key to replace; without it the new key is simply added.',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            overlapSeconds: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 7 * 24 * 3600, default: DEFAULT_OVERLAP_SECONDS }),
            ),
            replaceKeyId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            keyId: Type.String(),
            secret: Type.String(),
            previousKeyExpiresAt: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed, or signed with a key already rotated out',
            404: 'No such key',
          }),
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const merchantId = caller.merchant.id;
      // A key already rotated out (or leaked and replaced) cannot mint keys that outlive it.
      if (caller.kind === 'key' && !(await isCurrentKey(ctx, merchantId, caller.keyId))) {
        return sendApiError(request, reply, 'credential_rotated');
      }
      const replaced = request.body.replaceKeyId ?? (caller.kind === 'key' ? caller.keyId : undefined);
      if (replaced !== undefined && !(await isCurrentKey(ctx, merchantId, replaced))) {
        return sendApiError(request, reply, 'credential_not_found');
      }
      const overlapMs = (request.body.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS) * 1000;
      const rotation = replaced === undefined ? undefined : { keyId: replaced, overlapMs };
      const credential = await issueCredential(ctx, merchantId, actorOf(request), rotation);
      return reply.code(201).send(credential);
    },
  );
}
