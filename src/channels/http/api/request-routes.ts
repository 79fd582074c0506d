// Requests addressed to the customer over the app API: merchants asking to be paid, agents asking to pay out cash.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findAgent } from '../../../domain/agents/agents.js';
import type { DomainContext } from '../../../domain/context.js';
import {
  type CashOutResult,
  confirmCashOut,
  declineCashOut,
  isCashOutRequest,
} from '../../../domain/payments/cash-out-requests.js';
import { payerOf } from '../../../domain/payments/payer.js';
import { confirmRequest, declineRequest, openRequests } from '../../../domain/payments/payment-requests.js';
import { formatAmount } from '../../../money/index.js';
import type { ApiDeps, ApiScope } from './api-deps.js';
import { sendApiError, sendRefusal } from './api-problems.js';
import { Credentials, PAY_REPLIES, PaymentSchema, sendCharge } from './merchant-pay-routes.js';
import { IdempotencyHeaders, problemReplies } from './schemas.js';
import { BEARER_SECURITY, principalOf } from './session-auth.js';

const tags = ['merchant payments'];
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);
const RequestParams = Type.Object({ requestId: Type.String({ minLength: 1, maxLength: 64 }) });

const RequestSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({
    description: 'dynamic_qr, payment_request, checkout, payment_code, or cash_out (at an agent)',
  }),
  payee: Type.Object({
    kind: Type.String({ enum: ['merchant', 'agent'] }),
    id: Type.String(),
    name: Type.String(),
  }),
  reference: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  description: Type.String(),
  status: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** A confirmed cash-out: the wallet paid the agent, who hands over the cash. */
const CashOutSchema = Type.Object({
  id: Type.String(),
  kind: Type.Literal('cash_out'),
  status: Type.String(),
  agent: Type.Object({ id: Type.String(), name: Type.String() }),
  amount: Type.String(),
  currency: Type.String(),
  failure: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  completedAt: Nullable(Type.String({ format: 'date-time' })),
});

async function sendCashOut(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  result: CashOutResult,
): Promise<FastifyReply> {
  if (!result.ok) {
    if ('attemptsRemaining' in result) return sendRefusal(request, reply, result);
    const error = result.error === 'organisation_unavailable' ? 'agent_unavailable' : result.error;
    return sendRefusal(request, reply, {
      error,
      ...('detail' in result && result.detail !== undefined ? { detail: result.detail } : {}),
    });
  }
  const { disbursement } = result;
  const { organisation } = disbursement;
  const agent = organisation.kind === 'agent' ? await findAgent(ctx, organisation.agentId) : undefined;
  const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
  return reply.code(201).send({
    id: disbursement.id,
    kind: 'cash_out',
    status: disbursement.status,
    agent: { id: agent?.id ?? '', name: agent?.name ?? '' },
    amount: formatAmount({ value: disbursement.amount, currency: disbursement.currency }),
    currency: disbursement.currency,
    failure: disbursement.failureCode,
    createdAt: new Date(disbursement.createdAt).toISOString(),
    completedAt: iso(disbursement.completedAt),
  });
}

export function registerRequestRoutes(app: ApiScope, deps: ApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/payment-requests',
    {
      preHandler: deps.session,
      schema: {
        tags,
        summary:
          'Requests waiting for me, newest first: merchants asking me to pay, agents asking to cash out',
        security: BEARER_SECURITY,
        response: { 200: Type.Array(RequestSchema), ...problemReplies({ 401: 'Not logged in' }) },
      },
    },
    async (request) => {
      const requests = await openRequests(ctx, principalOf(request).customerId);
      return requests.map((open) => ({
        id: open.id,
        kind: open.kind,
        payee: open.payee,
        reference: open.reference,
        amount: formatAmount({ value: open.amount, currency: open.currency }),
        currency: open.currency,
        description: open.description,
        status: 'open',
        expiresAt: new Date(open.expiresAt).toISOString(),
      }));
    },
  );

  app.post(
    '/payment-requests/:requestId/confirm',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags,
        summary:
          'Pay a request, or confirm a cash-out (PIN, and an SMS code when the step-up policy asks; a cash-out always needs the PIN)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        params: RequestParams,
        body: Type.Object(Credentials, { additionalProperties: false }),
        response: { 201: Type.Union([PaymentSchema, CashOutSchema]), ...PAY_REPLIES },
      },
    },
    async (request, reply) => {
      const payer = payerOf(principalOf(request));
      const { requestId } = request.params;
      if (isCashOutRequest(requestId)) {
        return sendCashOut(ctx, request, reply, await confirmCashOut(ctx, payer, requestId, request.body));
      }
      const result = await confirmRequest(ctx, payer, requestId, {
        ...request.body,
        idempotencyKey: String(request.headers['idempotency-key']),
      });
      return sendCharge(request, reply, result);
    },
  );

  app.post(
    '/payment-requests/:requestId/decline',
    {
      preHandler: [deps.session, deps.idempotent],
      schema: {
        tags,
        summary: 'Decline a request (the merchant or agent is told, a merchant with the reason if given)',
        security: BEARER_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object(
          { reason: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        params: RequestParams,
        response: {
          200: Type.Object({ id: Type.String(), status: Type.String() }),
          ...problemReplies({
            401: 'Not logged in',
            404: 'No such request',
            409: 'Paid or closed',
            410: 'Expired',
          }),
        },
      },
    },
    async (request, reply) => {
      const payer = payerOf(principalOf(request));
      const { requestId } = request.params;
      const result = isCashOutRequest(requestId)
        ? await declineCashOut(ctx, payer, requestId)
        : await declineRequest(ctx, payer, requestId, request.body.reason ?? '');
      if (!result.ok) return sendApiError(request, reply, result.error);
      return { id: requestId, status: 'declined' };
    },
  );
}
