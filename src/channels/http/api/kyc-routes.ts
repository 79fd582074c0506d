// Identity over the app API: apply for a higher KYC tier, see the application, close the wallet.
import { Type } from '@sinclair/typebox';
import { closeWallet } from '../../../domain/customers/closure.js';
import { ID_TYPES } from '../../../domain/customers/id-document.js';
import { type KycApplication, latestKyc, NAME_MAX_LENGTH, submitKyc } from '../../../domain/customers/kyc.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError, sendRefusal } from './api-problems.js';
import { IdempotencyHeaders, iso, PinText, problemReplies, TokenText } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const ApplicationSchema = Type.Object({
  id: Type.String(),
  requestedTier: Type.String(),
  name: Type.String(),
  idType: Type.String(),
  idNumberLast4: Type.String(),
  birthDate: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  submittedAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});

function applicationView(a: KycApplication) {
  return {
    id: a.id,
    requestedTier: a.requestedTier,
    name: a.name,
    idType: a.idType,
    idNumberLast4: a.idNumberLast4,
    birthDate: a.birthDate,
    status: a.status,
    submittedAt: iso(a.submittedAt),
    decidedAt: a.decidedAt === null ? null : iso(a.decidedAt),
    decisionNote: a.decisionNote,
  };
}

export function registerKycRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.post(
    '/me/kyc',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['customers'],
        summary: 'Apply for a higher tier: name, identity document and birth date, reviewed by the operator',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH * 4 }),
            idType: Type.Union(ID_TYPES.map((t) => Type.Literal(t))),
            idNumber: Type.String({ minLength: 1, maxLength: 32 }),
            birthDate: Type.String({ format: 'date', examples: ['1990-03-07'] }),
            tier: Type.Union([Type.Literal('class_2'), Type.Literal('class_3')]),
          },
          { additionalProperties: false },
        ),
        response: {
          201: ApplicationSchema,
          ...problemReplies({ 401: 'Not logged in', 409: 'Pending or ID in use', 422: 'Invalid details' }),
        },
      },
    },
    async (request, reply) => {
      const result = await submitKyc(ctx, principalOf(request).customerId, request.body);
      if (!result.ok) return sendRefusal(request, reply, result);
      return reply.code(201).send(applicationView(result.application));
    },
  );

  app.get(
    '/me/kyc',
    {
      preHandler: deps.session,
      schema: {
        tags: ['customers'],
        summary: 'My latest KYC application',
        security: BEARER_SECURITY,
        response: {
          200: ApplicationSchema,
          ...problemReplies({ 401: 'Not logged in', 404: 'No application' }),
        },
      },
    },
    async (request, reply) => {
      const application = await latestKyc(ctx, principalOf(request).customerId);
      if (!application) return sendApiError(request, reply, 'not_found');
      return applicationView(application);
    },
  );

  app.post(
    '/me/closure',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags: ['customers'],
        summary: 'Close my wallet (balance must be zero): PIN and an SMS code (purpose "close")',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({ pin: PinText, verificationToken: TokenText }, { additionalProperties: false }),
        response: {
          200: Type.Object({ status: Type.Literal('closed') }),
          ...problemReplies({
            401: 'Not logged in',
            403: 'PIN or code refused',
            409: 'Balance not zero, or already being closed',
            423: 'Locked',
            503: 'Try again',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await closeWallet(ctx, principalOf(request).customerId, request.body);
      if (!result.ok) return sendRefusal(request, reply, result);
      return { status: 'closed' as const };
    },
  );
}
