// GSMA identity updates: PATCH /accounts/{accountId}/identities/{identityId} and the same by {identifierType}/{identifier}.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AccountIdentifier } from '../../domain/clients/partner-accounts.js';
import {
  type IdentityUpdate,
  type KycVerification,
  tierOfKycLevel,
  updateIdentity,
} from '../../domain/clients/partner-identities.js';
import type { DomainContext } from '../../domain/context.js';
import {
  AccountIdParam,
  AccountParams,
  accountIdentifierOf,
  accountIdentifiersOf,
  refuseIdentifierType,
} from './account-routes.js';
import { answerUpdate, callbackUrlOf, updateOutcomeOf } from './async-replies.js';
import { PatchBody, type PatchOperations, patchedFields } from './generic-patch.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

const IdentityId = Type.String({ minLength: 1, maxLength: 256, description: 'As GET /accounts/… shows it' });

const VERIFICATIONS: readonly KycVerification[] = ['verified', 'unverified', 'rejected'];

const SUMMARY =
  'GSMA: verify (kycVerificationStatus verified, optional kycLevel) or reject a customer’s pending KYC application, ' +
  'or withdraw a verification (unverified, operator clients); operator and agent clients; X-Callback-URL answers 202';

/**
 * What a patch reports: `/kycVerificationStatus`, with an optional `/kycVerificationEntity` (who checked, printable
 * text) and, for `verified`, `/kycLevel` (1–3). Undefined for anything else, `/identityStatus` included: this
 * platform has no identity status apart from the account's.
 */
function identityUpdateOf(patch: PatchOperations): IdentityUpdate | undefined {
  const fields = patchedFields(patch, ['kycVerificationStatus', 'kycVerificationEntity', 'kycLevel']);
  const verification = VERIFICATIONS.find((value) => value === fields?.kycVerificationStatus);
  if (!fields || !verification) return undefined;
  const level = fields.kycLevel === undefined ? undefined : tierOfKycLevel(fields.kycLevel);
  if (fields.kycLevel !== undefined && (level === undefined || verification !== 'verified')) return undefined;
  const entity = fields.kycVerificationEntity?.trim();
  if (entity !== undefined && !/^[^\p{C}]{1,200}$/u.test(entity)) return undefined;
  return {
    verification,
    ...(level === undefined ? {} : { level }),
    ...(entity === undefined ? {} : { entity }),
  };
}

async function patchIdentity(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  target: { identifiers: AccountIdentifier[]; identityId: string; patch: PatchOperations },
): Promise<FastifyReply> {
  const update = identityUpdateOf(target.patch);
  if (!update) return sendGsmaError(reply, ctx.clock, 'identity_patch_unsupported');
  const callbackUrl = await callbackUrlOf(ctx, request);
  if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
  const result = await updateIdentity(ctx, clientOf(request), target.identifiers, target.identityId, update);
  return answerUpdate(ctx, request, reply, updateOutcomeOf(ctx, result), callbackUrl);
}

export function registerIdentityRoutes(
  scope: FastifyInstance,
  ctx: DomainContext,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.patch(
    '/accounts/:accountId/identities/:identityId',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary: SUMMARY,
        params: Type.Object({ accountId: AccountIdParam, identityId: IdentityId }),
        body: PatchBody,
      },
    },
    async (request, reply) => {
      const parsed = accountIdentifiersOf(request.params.accountId);
      if (!parsed.ok) return refuseIdentifierType(reply, ctx, parsed.identifierType);
      const { identifiers } = parsed;
      const { identityId } = request.params;
      return patchIdentity(ctx, request, reply, { identifiers, identityId, patch: request.body });
    },
  );
  routes.patch(
    '/accounts/:identifierType/:identifier/identities/:identityId',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary: SUMMARY,
        params: Type.Object({ ...AccountParams.properties, identityId: IdentityId }),
        body: PatchBody,
      },
    },
    async (request, reply) => {
      const identifier = accountIdentifierOf(request.params);
      if (!identifier) return refuseIdentifierType(reply, ctx, request.params.identifierType);
      const { identityId } = request.params;
      return patchIdentity(ctx, request, reply, {
        identifiers: [identifier],
        identityId,
        patch: request.body,
      });
    },
  );
}
