// GSMA bulk disbursements: POST /batchtransactions, GET and PATCH (approve) /batchtransactions/{batchId}, /rejections, /completions.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import {
  approveBatch,
  type Batch,
  type BatchItemOutcome,
  batchObject,
  batchOutcomes,
  createBatch,
  findBatch,
} from '../../domain/clients/batches.js';
import { recordRequest } from '../../domain/clients/request-states.js';
import type { DomainContext } from '../../domain/context.js';
import { answerUpdate, callbackUrlOf, requestStateObject, updateOutcomeOf } from './async-replies.js';
import { clientOf } from './gsma-auth.js';
import { gsmaErrorDescription, sendGsmaError } from './gsma-errors.js';
import { Parties, TransactionBody } from './transaction-routes.js';

const MAX_ITEMS = 100_000;
/** About 300 bytes a payout: a full batch fits. */
const BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** The spec's requestTransaction, as batched. */
const BatchItem = Type.Object({
  type: Type.String({ minLength: 1, maxLength: 256 }),
  amount: TransactionBody.properties.amount,
  currency: TransactionBody.properties.currency,
  debitParty: Parties,
  creditParty: Parties,
  descriptionText: TransactionBody.properties.descriptionText,
  requestingOrganisationTransactionReference:
    TransactionBody.properties.requestingOrganisationTransactionReference,
});

const BatchBody = Type.Object({
  transactions: Type.Array(BatchItem, { minItems: 1, maxItems: MAX_ITEMS }),
  batchTitle: Type.Optional(Type.String({ maxLength: 256 })),
  batchdescription: Type.Optional(Type.String({ maxLength: 256 })),
});

const BatchParams = Type.Object({ batchId: Type.String({ minLength: 1, maxLength: 256 }) });

/** The spec's genericPatch: approving is `replace /batchStatus approved`. */
const PatchBody = Type.Array(
  Type.Object({
    op: Type.String({ enum: ['replace'] }),
    path: Type.String({ enum: ['/batchStatus'] }),
    value: Type.String({ enum: ['approved'] }),
  }),
  { minItems: 1, maxItems: 1 },
);

const PageQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,2}|1000)$', description: '1–1000 (100)' })),
  offset: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,5})$' })),
});

const iso = (time: number) => new Date(time).toISOString();

export function registerBatchRoutes(
  scope: FastifyInstance,
  ctx: DomainContext,
  idempotent: preHandlerAsyncHookHandler,
): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.post(
    '/batchtransactions',
    {
      preHandler: idempotent,
      bodyLimit: BODY_LIMIT_BYTES,
      schema: {
        tags: ['gsma'],
        summary:
          'GSMA: record a batch of disbursements (approve it to pay); its request state completes (and calls back) once paid',
        body: BatchBody,
      },
    },
    async (request, reply) => {
      const { body } = request;
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const client = clientOf(request);
      const batch = await createBatch(ctx, client, {
        title: body.batchTitle ?? '',
        description: body.batchdescription ?? '',
        items: body.transactions.map((item) => ({
          type: item.type,
          amount: item.amount,
          currency: item.currency,
          debitParty: item.debitParty,
          creditParty: item.creditParty,
          description: item.descriptionText ?? '',
          clientReference: item.requestingOrganisationTransactionReference,
        })),
      });
      const correlationId = request.headers['x-correlationid'];
      const state = await recordRequest(ctx, client, {
        clientCorrelationId: typeof correlationId === 'string' ? correlationId : undefined,
        callbackUrl,
        outcome: { kind: 'batch', batch },
      });
      return reply.code(202).send(requestStateObject(state));
    },
  );
  routes.get(
    '/batchtransactions/:batchId',
    { schema: { tags: ['gsma'], summary: 'GSMA: a batch and its counts', params: BatchParams } },
    async (request, reply) => {
      const batch = await findBatch(ctx, clientOf(request), request.params.batchId);
      if (!batch) return sendGsmaError(reply, ctx.clock, 'batch_not_found');
      return reply.header('cache-control', 'no-store').send(batchObject(batch));
    },
  );
  routes.patch(
    '/batchtransactions/:batchId',
    {
      preHandler: idempotent,
      schema: {
        tags: ['gsma'],
        summary: 'GSMA: approve a batch: its payouts start; X-Callback-URL answers 202',
        params: BatchParams,
        body: PatchBody,
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const batch = await findBatch(ctx, client, request.params.batchId);
      if (!batch) return sendGsmaError(reply, ctx.clock, 'batch_not_found');
      const callbackUrl = await callbackUrlOf(ctx, request);
      if (callbackUrl === false) return sendGsmaError(reply, ctx.clock, 'callback_url_invalid');
      const approved = batch.status === 'created' && (await approveBatch(ctx, client, batch.id));
      const outcome = updateOutcomeOf(
        ctx,
        approved ? { ok: true } : { ok: false, error: 'batch_not_approvable' },
      );
      return answerUpdate(ctx, request, reply, outcome, callbackUrl);
    },
  );
  const outcomes = {
    rejections: (outcome: BatchItemOutcome, batch: Batch) => ({
      ...(outcome.request.clientReference === undefined
        ? {}
        : { requestingOrganisationTransactionReference: outcome.request.clientReference }),
      debitParty: outcome.request.debitParty,
      creditParty: outcome.request.creditParty,
      rejectionReason: gsmaErrorDescription(outcome.rejection ?? 'request_declined'),
      rejectionDate: iso(outcome.at ?? batch.createdAt),
    }),
    completions: (outcome: BatchItemOutcome, batch: Batch) => ({
      transactionReference: outcome.reference ?? '',
      ...(outcome.request.clientReference === undefined
        ? {}
        : { requestingOrganisationTransactionReference: outcome.request.clientReference }),
      debitParty: outcome.request.debitParty,
      creditParty: outcome.request.creditParty,
      completionDate: iso(outcome.at ?? batch.createdAt),
      link: `/transactions/${outcome.reference}`,
    }),
  };
  for (const [resource, render] of Object.entries(outcomes)) {
    routes.get(
      `/batchtransactions/:batchId/${resource}`,
      {
        schema: {
          tags: ['gsma'],
          summary: `GSMA: a batch's ${resource}, in order`,
          params: BatchParams,
          querystring: PageQuery,
        },
      },
      async (request, reply) => {
        const batch = await findBatch(ctx, clientOf(request), request.params.batchId);
        if (!batch) return sendGsmaError(reply, ctx.clock, 'batch_not_found');
        const page = { limit: Number(request.query.limit ?? 100), offset: Number(request.query.offset ?? 0) };
        const status = resource === 'rejections' ? 'rejected' : 'completed';
        const rows = await batchOutcomes(ctx, batch.id, status, page);
        return reply.header('cache-control', 'no-store').send(rows.map((row) => render(row, batch)));
      },
    );
  }
}
