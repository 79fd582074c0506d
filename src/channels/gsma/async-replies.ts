// The GSMA asynchronous pattern: X-Callback-URL requests answer 202 with a requestStateObject; states and responses are pollable.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isBatchReference } from '../../domain/clients/batches.js';
import { transactionObject } from '../../domain/clients/partner-transaction.js';
import {
  findByClientCorrelation,
  findRequestState,
  type RequestState,
  recordRequest,
  type TransactionOutcome,
} from '../../domain/clients/request-states.js';
import type { DomainContext } from '../../domain/context.js';
import { checkWebhookUrl } from '../../domain/events/webhook-url.js';
import { clientOf } from './gsma-auth.js';
import { sendGsmaError } from './gsma-errors.js';

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
 * Answers a POST's outcome: with an X-Callback-URL, 202 and a requestStateObject (the final object follows by
 * callback); otherwise the object (`created` status) or the error object. With either header the outcome is
 * recorded, so GET /responses/{X-CorrelationID} and /requeststates/{serverCorrelationId} find it.
 */
export async function answerRequest(
  ctx: DomainContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: TransactionOutcome,
  callbackUrl: string | undefined,
): Promise<FastifyReply> {
  const clientCorrelationId = header(request, 'x-correlationid');
  if (callbackUrl !== undefined || clientCorrelationId !== undefined) {
    const state = await recordRequest(ctx, clientOf(request), { clientCorrelationId, callbackUrl, outcome });
    if (callbackUrl !== undefined) return reply.code(202).send(requestStateObject(state));
  }
  if (outcome.kind === 'error') return reply.code(outcome.status).type('application/json').send(outcome.body);
  return reply.code(201).send(transactionObject(outcome.transaction));
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
