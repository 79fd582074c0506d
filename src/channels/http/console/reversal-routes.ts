// Console reversals with maker–checker: request the reversal of a merchant payment, then a different staff member decides.
import { Type } from '@sinclair/typebox';
import {
  decideReversal,
  listReversalRequests,
  requestReversal,
  reversalRequestView,
} from '../../../domain/staff/reversal-requests.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { IdempotencyHeaders, problemReplies } from '../api/schemas.js';
import { STAFF_SECURITY, staffOf } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { IdParams, Nullable } from './console-schemas.js';

const Status = Type.Union(
  (['pending', 'approved', 'rejected', 'completed', 'failed'] as const).map((status) => Type.Literal(status)),
);

const RequestSchema = Type.Object({
  id: Type.String(),
  paymentId: Type.String(),
  reason: Type.String(),
  requestedBy: Type.String({ description: 'The maker: staff:<username>' }),
  requestedAt: Type.String({ format: 'date-time' }),
  status: Status,
  decidedBy: Nullable(Type.String({ description: 'The checker' })),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  decisionNote: Nullable(Type.String()),
  refundId: Nullable(Type.String({ description: 'The reversal record once it ran' })),
  failure: Nullable(Type.String()),
});

const DECIDE_REPLIES = problemReplies({
  401: 'Not logged in',
  403: 'Role not allowed, or the maker tried to approve their own request',
  404: 'No such request',
  409: 'Already decided, or the payment can no longer be reversed',
  422: 'Bad note, or the merchant balance is too low',
  503: 'The ledger is busy: the same checker approves again to finish',
});

export function registerReversalRoutes(app: ApiScope, deps: ConsoleDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/reversals',
    {
      preHandler: deps.guard('reversals.request'),
      schema: {
        tags: ['console'],
        summary: 'Reversal requests, newest first (all, or by status)',
        security: STAFF_SECURITY,
        querystring: Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ requests: Type.Array(RequestSchema) }),
          ...problemReplies({ 401: 'Not logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) => ({
      requests: (await listReversalRequests(ctx, request.query.status)).map(reversalRequestView),
    }),
  );

  app.post(
    '/reversals',
    {
      preHandler: deps.guard('reversals.request', { changes: true }),
      schema: {
        tags: ['console'],
        summary:
          'Ask for the reversal of a merchant payment (the maker); it runs once another staff member approves',
        security: STAFF_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            paymentId: Type.String({ minLength: 1, maxLength: 64 }),
            reason: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: RequestSchema,
          ...problemReplies({
            401: 'Not logged in',
            403: 'Role not allowed',
            404: 'No such payment',
            409: 'Not reversible, past the window, or already requested',
            422: 'Bad reason',
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await requestReversal(ctx, { ...request.body, maker: staffOf(request).actor });
      if (!result.ok) return sendApiError(request, reply, result.error);
      return reply.code(201).send(reversalRequestView(result.request));
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/reversals/:id/${decision}`,
      {
        preHandler: deps.guard('reversals.approve', { changes: true }),
        schema: {
          tags: ['console'],
          summary:
            decision === 'approve'
              ? 'Approve a reversal request (the checker, never its maker): the payment is reversed, at most once'
              : 'Reject a reversal request, saying why',
          security: STAFF_SECURITY,
          headers: IdempotencyHeaders,
          params: IdParams,
          body: Type.Object(
            { note: Type.Optional(Type.String({ maxLength: 200 })) },
            { additionalProperties: false },
          ),
          response: { 200: RequestSchema, ...DECIDE_REPLIES },
        },
      },
      async (request, reply) => {
        const result = await decideReversal(ctx, {
          requestId: request.params.id,
          checker: staffOf(request).actor,
          approve: decision === 'approve',
          note: request.body.note ?? '',
        });
        if (!result.ok) return sendApiError(request, reply, result.error);
        return reversalRequestView(result.request);
      },
    );
  }
}
