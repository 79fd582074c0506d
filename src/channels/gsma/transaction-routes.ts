// GSMA transactions: POST /transactions/type/{transactionType} (transfer, merchantpay, …) and GET /transactions/{transactionReference}.
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { answerPendingPayment } from '../../domain/clients/partner-authorisations.js';
import { createPartnerTransaction } from '../../domain/clients/partner-payments.js';
import { reverseTransaction } from '../../domain/clients/partner-reversals.js';
import {
  type PartnerTransaction,
  type PartnerTransactionType,
  type TransactionFailure,
  transactionObject,
} from '../../domain/clients/partner-transaction.js';
import { viewTransaction } from '../../domain/clients/partner-transaction-views.js';
import type { TransactionOutcome } from '../../domain/clients/request-states.js';
import type { DomainContext } from '../../domain/context.js';
import type { Platform } from '../../domain/platform.js';
import { answerRequest, answerUpdate, callbackUrlOf, updateOutcomeOf } from './async-replies.js';
import { clientOf } from './gsma-auth.js';
import { type ErrorParameter, gsmaErrorObject, sendGsmaError } from './gsma-errors.js';

/** The spec's transaction types; those not offered yet are refused with transactionTypeError. */
const TRANSACTION_TYPES = [
  'billpay',
  'deposit',
  'disbursement',
  'transfer',
  'merchantpay',
  'inttransfer',
  'adjustment',
  'reversal',
  'withdrawal',
];
const OFFERED: readonly string[] = [
  'transfer',
  'merchantpay',
  'disbursement',
  'adjustment',
  'deposit',
  'withdrawal',
] satisfies PartnerTransactionType[];

const Party = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 256 }),
  value: Type.String({ minLength: 1, maxLength: 256 }),
});
export const Parties = Type.Array(Party, { minItems: 1, maxItems: 10 });

/** The spec's requestTransactionType: the fields this platform reads; others the spec allows are accepted and ignored. */
export const TransactionBody = Type.Object({
  amount: Type.String({
    minLength: 1,
    maxLength: 23,
    pattern: '^([0]|([1-9][0-9]{0,17}))([.][0-9]{0,3}[0-9])?$',
    description: 'A decimal string, e.g. "15.21"',
  }),
  currency: Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' }),
  debitParty: Type.Optional(Parties),
  creditParty: Type.Optional(Parties),
  descriptionText: Type.Optional(Type.String({ maxLength: 160 })),
  requestingOrganisationTransactionReference: Type.Optional(Type.String({ maxLength: 256 })),
  oneTimeCode: Type.Optional(
    Type.String({
      maxLength: 256,
      description:
        "merchantpay: the customer's one-time payment code; withdrawal: the customer's authorisation code",
    }),
  ),
});

/** The spec's requestReversal. */
const ReversalBody = Type.Object({
  type: Type.String({ enum: ['reversal', 'adjustment'] }),
  amount: Type.Optional(TransactionBody.properties.amount),
  currency: Type.Optional(TransactionBody.properties.currency),
  descriptionText: TransactionBody.properties.descriptionText,
  requestingOrganisationTransactionReference:
    TransactionBody.properties.requestingOrganisationTransactionReference,
});

const TypeParams = Type.Object({ transactionType: Type.String({ enum: TRANSACTION_TYPES }) });
const ReferenceParams = Type.Object({ transactionReference: Type.String({ minLength: 1, maxLength: 256 }) });

/** A domain result as what the request came to: the transaction, or the spec's error object. */
function outcomeOf(
  ctx: DomainContext,
  result: { ok: true; transaction: PartnerTransaction } | { ok: false; error: TransactionFailure },
  parameters: ErrorParameter[] = [],
): TransactionOutcome {
  if (result.ok) return { kind: 'object', transaction: result.transaction };
  return { kind: 'error', ...gsmaErrorObject(ctx.clock, result.error, parameters) };
}

export function registerTransactionRoutes(
  scope: FastifyInstance,
  platform: Platform,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const { ctx } = platform;
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.post(
    '/transactions/type/:transactionType',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: create a transaction (transfer, merchantpay by code or request, disbursement, adjustment, deposit, withdrawal)',
        params: TypeParams,
        body: TransactionBody,
      },
    },
    async (request, reply) => {
      const { transactionType } = request.params;
      if (!OFFERED.includes(transactionType)) {
        return sendGsmaError(reply, ctx.clock, 'transaction_type_unsupported', [
          { key: 'transactionType', value: transactionType },
        ]);
      }
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const body = request.body;
      const correlationId = request.headers['x-correlationid'];
      const result = await createPartnerTransaction(ctx, platform.p2p, clientOf(request), {
        type: transactionType as PartnerTransactionType,
        amount: body.amount,
        currency: body.currency,
        debitParty: body.debitParty ?? [],
        creditParty: body.creditParty ?? [],
        description: body.descriptionText ?? '',
        clientReference: body.requestingOrganisationTransactionReference,
        oneTimeCode: body.oneTimeCode,
        correlationId: typeof correlationId === 'string' ? correlationId : undefined,
      });
      const parameters =
        !result.ok && result.field !== undefined ? [{ key: 'field', value: result.field }] : [];
      return answerRequest(ctx, request, reply, outcomeOf(ctx, result, parameters), callbackUrl);
    },
  );
  routes.post(
    '/transactions/:transactionReference/reversals',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: reverse a merchant payment (a merchant’s client refunds its own; the operator’s reverses)',
        params: ReferenceParams,
        body: ReversalBody,
      },
    },
    async (request, reply) => {
      const { body } = request;
      if (body.type !== 'reversal') {
        return sendGsmaError(reply, ctx.clock, 'transaction_type_unsupported', [
          { key: 'type', value: body.type },
        ]);
      }
      if (body.currency !== undefined && body.currency !== ctx.settings.currency) {
        return sendGsmaError(reply, ctx.clock, 'currency_unsupported');
      }
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const correlationId = request.headers['x-correlationid'];
      const result = await reverseTransaction(ctx, clientOf(request), request.params.transactionReference, {
        amount: body.amount,
        description: body.descriptionText ?? '',
        correlationId: typeof correlationId === 'string' ? correlationId : undefined,
      });
      const outcome = outcomeOf(ctx, result.ok ? { ok: true, transaction: result.reversal } : result);
      return answerRequest(ctx, request, reply, outcome, callbackUrl);
    },
  );
  routes.patch(
    '/transactions/:transactionReference',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: answer a pending merchant payment or cash-out for its customer (operator clients): completed or failed; X-Callback-URL answers 202',
        params: ReferenceParams,
        body: Type.Array(
          Type.Object({
            op: Type.String({ enum: ['replace'] }),
            path: Type.String({ enum: ['/transactionStatus'] }),
            value: Type.String({ enum: ['completed', 'failed'] }),
          }),
          { minItems: 1, maxItems: 1 },
        ),
      },
    },
    async (request, reply) => {
      const [change] = request.body;
      const correlationId = request.headers['x-correlationid'];
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const answered = await answerPendingPayment(
        ctx,
        clientOf(request),
        request.params.transactionReference,
        change?.value === 'completed' ? 'completed' : 'failed',
        `gsma:${clientOf(request).id}:${typeof correlationId === 'string' ? correlationId : randomUUID()}`,
      );
      return answerUpdate(ctx, request, reply, updateOutcomeOf(ctx, answered), callbackUrl);
    },
  );
  routes.get(
    '/transactions/:transactionReference',
    { schema: { tags: ['gsma'], summary: 'GSMA: view a transaction', params: ReferenceParams } },
    async (request, reply) => {
      const transaction = await viewTransaction(ctx, clientOf(request), request.params.transactionReference);
      if (!transaction) return sendGsmaError(reply, ctx.clock, 'transaction_not_found');
      return reply.header('cache-control', 'no-store').send(transactionObject(transaction));
    },
  );
}
