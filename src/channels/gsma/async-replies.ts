// The GSMA asynchronous pattern: X-Callback-URL requests answer 202 with a requestStateObject; states and responses are pollable.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isBatchReference } from '../../domain/clients/batches.js';
import { transactionObject } from '../../domain/clients/partner-transaction.js';
import {
  findByClientCorrelation,
  findRequestState,
  type RequestOutcome,
  type RequestState,
  recordRequest,
  type TransactionOutcome,
  type UpdateOutcome,
} from '../../domain/clients/request-states.js';
import type { DomainContext } from '../../domain/context.js';
import { checkWebhookUrl } from '../../domain/events/webhook-url.js';
import { clientOf } from './gsma-auth.js';
import { type GsmaFailure, gsmaErrorObject, sendGsmaError } from './gsma-errors.js';

const UUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The callback URL of a request, if it sent one: undefined when none, false when it is not acceptable. */
export async function callbackUrlOf(
  ctx: DomainContext,
  request: FastifyRequest,
): Promise<string | undefined | false> {
  const url = header(request, 'x-callback-url');
  if (url === undefined) return undefined;
  const checked = await checkWebhookUrl(url, { allowPrivate: ctx.settings.merchants.allowPrivateWebhooks });
  return checked.ok ? url : false;
}

/** Why a request is still pending: its batch is not paid yet, or its customer has not confirmed. */
function pendingReasonOf(state: RequestState): string {
  return state.objectReference !== null && isBatchReference(state.objectReference)
    ? 'The batch is waiting for approval or being paid.'
    : 'Waiting for the customer to confirm on the phone.';
}

/** The spec's requestStateObject. */
export function requestStateObject(state: RequestState) {
  const failed = state.status === 'failed' && state.response !== null;
  return {
    serverCorrelationId: state.serverCorrelationId,
    status: state.status,
    notificationMethod: state.callbackUrl === null ? 'polling' : 'callback',
    ...(state.objectReference === null ? {} : { objectReference: state.objectReference }),
    ...(state.status === 'pending' ? { pendingReason: pendingReasonOf(state) } : {}),
    ...(failed ? { error: state.response?.body } : {}),
  };
}

/**
 * With either header the outcome is recorded, so GET /responses/{X-CorrelationID} and
 * /requeststates/{serverCorrelationId} find it; with an X-Callback-URL the answer is 202 and a requestStateObject
 * (the final object follows by callback). Undefined when the caller answers synchronously.
 */
async function answerAsynchronously(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: RequestOutcome,
  callbackUrl: string | undefined,
): Promise<FastifyReply | undefined> {
  const clientCorrelationId = header(request, 'x-correlationid');
  if (callbackUrl === undefined && clientCorrelationId === undefined) return undefined;
  const state = await recordRequest(ctx, clientOf(request), { clientCorrelationId, callbackUrl, outcome });
  return callbackUrl === undefined ? undefined : reply.code(202).send(requestStateObject(state));
}

function sendErrorOutcome(reply: FastifyReply, outcome: { status: number; body: object }): FastifyReply {
  return reply.code(outcome.status).type('application/json').send(outcome.body);
}

/** A domain update's result as what the request came to. */
export function updateOutcomeOf(
  ctx: DomainContext,
  result: { ok: true } | { ok: false; error: GsmaFailure },
): UpdateOutcome {
  return result.ok ? { kind: 'updated' } : { kind: 'error', ...gsmaErrorObject(ctx.clock, result.error) };
}

/** Answers a POST's outcome: 202 as above, or the object (`created` status) or the error object. */
export async function answerRequest(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: TransactionOutcome,
  callbackUrl: string | undefined,
): Promise<FastifyReply> {
  const accepted = await answerAsynchronously(ctx, request, reply, outcome, callbackUrl);
  if (accepted) return accepted;
  if (outcome.kind === 'error') return sendErrorOutcome(reply, outcome);
  return reply.code(201).send(transactionObject(outcome.transaction));
}

/**
 * Answers a PATCH's outcome: 202 as above (the callback then PUTs the spec's genericUpdateSuccess or the error
 * object), or 204, or the error object.
 */
export async function answerUpdate(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: UpdateOutcome,
  callbackUrl: string | undefined,
): Promise<FastifyReply> {
  const accepted = await answerAsynchronously(ctx, request, reply, outcome, callbackUrl);
  if (accepted) return accepted;
  if (outcome.kind === 'error') return sendErrorOutcome(reply, outcome);
  return reply.code(204).send();
}

export function registerRequestStateRoutes(scope: FastifyInstance, ctx: DomainContext): void {
  const routes = scope.withTypeProvider<TypeBoxTypeProvider>();
  routes.get(
    '/requeststates/:serverCorrelationId',
    {
      schema: {
        tags: ['gsma'],
        summary: 'GSMA: the state of an asynchronous request',
        params: Type.Object({ serverCorrelationId: Type.String({ pattern: UUID }) }),
      },
    },
    async (request, reply) => {
      const state = await findRequestState(ctx, clientOf(request), request.params.serverCorrelationId);
      if (!state) return sendGsmaError(reply, ctx.clock, 'request_not_found');
      return reply.header('cache-control', 'no-store').send(requestStateObject(state));
    },
  );
  routes.get(
    '/responses/:clientCorrelationId',
    {
      schema: {
        tags: ['gsma'],
        summary: 'GSMA: where the response to a request (by its X-CorrelationID) is',
        params: Type.Object({ clientCorrelationId: Type.String({ pattern: UUID }) }),
      },
    },
    async (request, reply) => {
      const state = await findByClientCorrelation(ctx, clientOf(request), request.params.clientCorrelationId);
      if (!state) return sendGsmaError(reply, ctx.clock, 'request_not_found');
      const reference = state.objectReference;
      let link = `/requeststates/${state.serverCorrelationId}`;
      if (reference !== null) {
        link = isBatchReference(reference) ? `/batchtransactions/${reference}` : `/transactions/${reference}`;
      }
      return reply.header('cache-control', 'no-store').send({ link });
    },
  );
}
