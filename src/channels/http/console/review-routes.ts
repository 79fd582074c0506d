// Console reviews: the KYC queue (approve or reject with a note) and merchants (approve, suspend, reinstate).
import { Type } from '@sinclair/typebox';
import { type KycApplication, listKyc, reviewKyc } from '../../../domain/customers/kyc.js';
import { merchantView } from '../../../domain/merchants/merchant.js';
import { decideMerchant } from '../../../domain/merchants/merchant-onboarding.js';
import { listMerchantsByStatus } from '../../../domain/merchants/merchant-queries.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError, sendRefusal } from '../api/api-problems.js';
import { IdempotencyHeaders, iso, problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY, staffOf } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { cleanReason, IdParams, Nullable, ReasonBody } from './console-schemas.js';

const KycStatus = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);

const KycSchema = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  requestedTier: Type.String(),
  name: Type.String(),
  idType: Type.String(),
  idNumberLast4: Type.String(),
  birthDate: Type.String(),
  status: KycStatus,
  submittedAt: Type.String({ format: 'date-time' }),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decisionNote: Nullable(Type.String()),
});

function kycView(a: KycApplication) {
  return { ...a, submittedAt: iso(a.submittedAt), decidedAt: a.decidedAt === null ? null : iso(a.decidedAt) };
}

const MerchantStatus = Type.Union(
  (['pending', 'active', 'suspended', 'closed'] as const).map((status) => Type.Literal(status)),
);

const MerchantSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mcc: Type.String(),
  licenceNumber: Type.String(),
  contact: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }),
  city: Type.String(),
  country: Type.String(),
  settlementAccount: Type.Object({ bank: Type.String(), holder: Type.String(), last4: Type.String() }),
  status: MerchantStatus,
  webhookUrl: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

const DECISIONS = ['approve', 'suspend', 'reinstate'] as const;

export function registerReviewRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/kyc',
    {
      preHandler: deps.guard('kyc.review'),
      schema: {
        tags: ['console'],
        summary: 'KYC applications by status (the review queue: pending, oldest first)',
        security: STAFF_SECURITY,
        querystring: Type.Object({ status: Type.Optional(KycStatus) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ applications: Type.Array(KycSchema) }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => ({
      applications: (await listKyc(ctx, request.query.status ?? 'pending')).map(kycView),
    }),
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/kyc/:id/${decision}`,
      {
        preHandler: deps.guard('kyc.review', { changes: true }),
        schema: {
          tags: ['console'],
          summary: `${decision === 'approve' ? 'Approve' : 'Reject'} a pending KYC application with a note`,
          security: STAFF_SECURITY,
          headers: IdempotencyHeaders,
          params: IdParams,
          body: Type.Object(
            { note: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ id: Type.String(), status: KycStatus }),
            ...problemReplies({
              401: 'Not logged in',
              403: 'Role not allowed',
              404: 'No such application',
              409: 'Already decided, or the ID is used by another wallet',
              422: 'Bad note',
            }),
          },
        },
      },
      async (request, reply) => {
        const note = cleanReason(request.body.note);
        if (note === undefined) return sendApiError(request, reply, 'invalid_reason');
        const result = await reviewKyc(ctx, {
          applicationId: request.params.id,
          approve: decision === 'approve',
          actor: staffOf(request).actor,
          note,
        });
        if (!result.ok) return sendApiError(request, reply, result.error);
        return {
          id: request.params.id,
          status: decision === 'approve' ? ('approved' as const) : ('rejected' as const),
        };
      },
    );
  }

  app.get(
    '/merchants',
    {
      preHandler: deps.guard('merchants.review'),
      schema: {
        tags: ['console'],
        summary: 'Merchants by status (pending applications first to review)',
        security: STAFF_SECURITY,
        querystring: Type.Object({ status: Type.Optional(MerchantStatus) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ merchants: Type.Array(MerchantSchema) }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => {
      const merchants = await listMerchantsByStatus(ctx.db, request.query.status ?? 'pending');
      return { merchants: merchants.map(merchantView) };
    },
  );

  for (const decision of DECISIONS) {
    app.post(
      `/merchants/:id/${decision}`,
      {
        preHandler: deps.guard('merchants.review', { changes: true }),
        schema: {
          tags: ['console'],
          summary: `${decision[0]?.toUpperCase()}${decision.slice(1)} a merchant (with a reason for the audit log)`,
          security: STAFF_SECURITY,
          headers: IdempotencyHeaders,
          params: IdParams,
          body: ReasonBody,
          response: {
            200: MerchantSchema,
            ...problemReplies({
              401: 'Not logged in',
              403: 'Role not allowed',
              404: 'No such merchant',
              409: 'Not in a state that allows this',
              422: 'Bad reason',
              503: 'The ledger is busy; retry',
            }),
          },
        },
      },
      async (request, reply) => {
        const reason = cleanReason(request.body.reason);
        if (reason === undefined) return sendApiError(request, reply, 'invalid_reason');
        const result = await decideMerchant(ctx, request.params.id, decision, staffOf(request).actor, reason);
        if (!result.ok) return sendRefusal(request, reply, result);
        return merchantView(result.merchant);
      },
    );
  }
}
