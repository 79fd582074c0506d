// GSMA transactions: POST /transactions/type/{transactionType} (transfer, merchantpay) and GET /transactions/{transactionReference}.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { createPartnerTransaction } from '../../domain/clients/partner-payments.js';
import { reverseTransaction } from '../../domain/clients/partner-reversals.js';
import type { PartnerTransaction, PartnerTransactionType } from '../../domain/clients/partner-transaction.js';
import { viewTransaction } from '../../domain/clients/partner-transaction-views.js';
import type { Platform } from '../../domain/platform.js';
import { formatAmount } from '../../money/index.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

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
] satisfies PartnerTransactionType[];

const Party = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 256 }),
  value: Type.String({ minLength: 1, maxLength: 256 }),
});
const Parties = Type.Array(Party, { minItems: 1, maxItems: 10 });

/** The spec's requestTransactionType: the fields this platform reads; others the spec allows are accepted and ignored. */
const TransactionBody = Type.Object({
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
    Type.String({ maxLength: 256, description: "merchantpay: the customer's one-time payment code" }),
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

/** The spec's transaction object (responseTransaction; also a valid responseTransactionType). */
function transactionBody(transaction: PartnerTransaction) {
  return {
    transactionReference: transaction.reference,
    transactionStatus: transaction.status,
    type: transaction.type,
    amount: formatAmount({ value: transaction.amount, currency: transaction.currency }),
    currency: transaction.currency,
    debitParty: transaction.debitParty,
    creditParty: transaction.creditParty,
    ...(transaction.description === '' ? {} : { descriptionText: transaction.description.slice(0, 160) }),
    ...(transaction.originalReference === undefined
      ? {}
      : { originalTransactionReference: transaction.originalReference }),
    ...(transaction.clientReference === null
      ? {}
      : { requestingOrganisationTransactionReference: transaction.clientReference }),
    creationDate: new Date(transaction.createdAt).toISOString(),
    ...(transaction.modifiedAt === null
      ? {}
      : { modificationDate: new Date(transaction.modifiedAt).toISOString() }),
  };
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
          'GSMA: create a transaction (transfer, merchantpay by code or request, disbursement, adjustment)',
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
      if (!result.ok) {
        const parameters = result.field === undefined ? [] : [{ key: 'field', value: result.field }];
        return sendGsmaError(reply, ctx.clock, result.error, parameters);
      }
      return reply.code(201).send(transactionBody(result.transaction));
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
      const correlationId = request.headers['x-correlationid'];
      const result = await reverseTransaction(ctx, clientOf(request), request.params.transactionReference, {
        amount: body.amount,
        description: body.descriptionText ?? '',
        correlationId: typeof correlationId === 'string' ? correlationId : undefined,
      });
      if (!result.ok) return sendGsmaError(reply, ctx.clock, result.error);
      return reply.code(201).send(transactionBody(result.reversal));
    },
  );
  routes.get(
    '/transactions/:transactionReference',
    { schema: { tags: ['gsma'], summary: 'GSMA: view a transaction', params: ReferenceParams } },
    async (request, reply) => {
      const transaction = await viewTransaction(ctx, clientOf(request), request.params.transactionReference);
      if (!transaction) return sendGsmaError(reply, ctx.clock, 'transaction_not_found');
      return reply.header('cache-control', 'no-store').send(transactionBody(transaction));
    },
  );
}
