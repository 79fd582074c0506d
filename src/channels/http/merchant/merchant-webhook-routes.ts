// The merchant's webhook events and delivery log over the merchant API, with manual redelivery.
import { Type } from '@sinclair/typebox';
import { redeliverEvent } from '../../../domain/events/webhook-outbox.js';
import { listWebhookDeliveries, listWebhookEvents } from '../../../domain/events/webhook-queries.js';
import type { ApiScope } from '../api/api-deps.js';
import { sendApiError } from '../api/api-problems.js';
import { IdempotencyHeaders, problemReplies } from '../api/schemas.js';
import { merchantOf, SIGNED_SECURITY } from './merchant-auth.js';
import type { MerchantApiDeps } from './merchant-deps.js';
import { IdParam } from './merchant-schemas.js';

const tags = ['merchant'];
const Limit = Type.Optional(
  Type.String({ pattern: '^([1-9][0-9]?|1[0-9][0-9]|200)$', description: '1–200, default 50' }),
);
const Nullable = (schema: ReturnType<typeof Type.String>) => Type.Union([schema, Type.Null()]);

const EventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  createdAt: Type.String(),
  attempts: Type.Number(),
  status: Type.String(),
  nextAttemptAt: Nullable(Type.String()),
  deliveredAt: Nullable(Type.String()),
});

const DeliverySchema = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  attempt: Type.Number(),
  attemptedAt: Type.String(),
  statusCode: Type.Union([Type.Number(), Type.Null()]),
  error: Nullable(Type.String()),
  durationMs: Type.Number(),
});

export function registerMerchantWebhookRoutes(app: ApiScope, deps: MerchantApiDeps): void {
  const { ctx } = deps.platform;

  app.get(
    '/webhook-events',
    {
      config: { merchantAccess: 'manager' },
      schema: {
        tags,
        summary: 'Webhook events sent (or being sent) to this merchant, newest first',
        security: SIGNED_SECURITY,
        querystring: Type.Object(
          { limit: Limit, before: Type.Optional(IdParam) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(EventSchema),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) =>
      listWebhookEvents(ctx.db, merchantOf(request).id, {
        limit: Number(request.query.limit ?? 50),
        ...(request.query.before === undefined ? {} : { before: request.query.before }),
      }),
  );

  app.get(
    '/webhook-deliveries',
    {
      config: { merchantAccess: 'manager' },
      schema: {
        tags,
        summary: 'The delivery log: every attempt with its HTTP status or error, newest first',
        security: SIGNED_SECURITY,
        querystring: Type.Object(
          { limit: Limit, eventId: Type.Optional(IdParam) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(DeliverySchema),
          ...problemReplies({ 401: 'Not signed or logged in', 403: 'Role not allowed' }),
        },
      },
    },
    async (request) =>
      listWebhookDeliveries(ctx.db, merchantOf(request).id, {
        limit: Number(request.query.limit ?? 50),
        ...(request.query.eventId === undefined ? {} : { eventId: request.query.eventId }),
      }),
  );

  app.post(
    '/webhook-events/:eventId/redeliver',
    {
      config: { merchantAccess: 'manager' },
      preHandler: deps.idempotent,
      schema: {
        tags,
        summary: 'Send an event again now',
        security: SIGNED_SECURITY,
        headers: IdempotencyHeaders,
        body: Type.Object({}, { additionalProperties: false }),
        params: Type.Object({ eventId: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          202: Type.Object({ eventId: Type.String() }),
          ...problemReplies({
            401: 'Not signed or logged in',
            403: 'Role not allowed',
            404: 'No such event',
          }),
        },
      },
    },
    async (request, reply) => {
      const { eventId } = request.params;
      if (!(await redeliverEvent(ctx.db, merchantOf(request).id, eventId, ctx.clock()))) {
        return sendApiError(request, reply, 'webhook_event_not_found');
      }
      return reply.code(202).send({ eventId });
    },
  );
}
