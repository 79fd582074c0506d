// Mounts the GSMA Mobile Money API v1.2 under /gsma/v1.2/mm, and its OAuth2 token endpoint /gsma/v1/oauth/accesstoken.
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../domain/clock.js';
import type { Platform } from '../../domain/platform.js';
import { createIdempotencyLayer, type IdempotencyHeader } from '../http/api/idempotency.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerAccountUpdateRoutes } from './account-update-routes.js';
import { registerRequestStateRoutes } from './async-replies.js';
import { registerAuthorisationCodeRoutes } from './authorisation-code-routes.js';
import { registerBatchRoutes } from './batch-routes.js';
import { clientOf, requireClient } from './gsma-auth.js';
import { registerGsmaErrorHandling, sendGsmaError } from './gsma-errors.js';
import { registerIdentityRoutes } from './identity-routes.js';
import { registerOAuthRoutes } from './oauth-routes.js';
import { registerQuotationRoutes } from './quotation-routes.js';
import { registerStatementRoutes } from './statement-routes.js';
import { registerTransactionRoutes } from './transaction-routes.js';

export const GSMA_BASE_PATH = '/gsma/v1.2/mm';

/** The spec's X-CorrelationID (a UUID): optional, but a POST that carries one runs once, its answer replayed. */
function correlationIdHeader(clock: Clock): IdempotencyHeader {
  return {
    name: 'x-correlationid',
    pattern: /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
    required: false,
    refuse: (_request, reply, refusal) => sendGsmaError(reply, clock, refusal),
  };
}

export function registerGsmaApi(
  app: FastifyInstance,
  options: { platform: Platform; idempotencyKey: Buffer },
): void {
  const { ctx } = options.platform;
  registerOAuthRoutes(app, ctx);
  app.register(
    async (mm) => {
      registerGsmaErrorHandling(mm, ctx.clock);
      // Every reply carries the time it was made, as the spec's X-Date response header.
      mm.addHook('onSend', async (_request, reply) => {
        reply.header('x-date', new Date(ctx.clock()).toISOString());
      });
      // Monitoring needs only the API key: the heartbeat's parameters in the spec carry no user credentials.
      mm.register(async (monitoring) => {
        monitoring.addHook('onRequest', requireClient(ctx, { apiKeyOnly: true }));
        monitoring.get(
          '/heartbeat',
          { schema: { tags: ['gsma'], summary: 'GSMA: API availability' } },
          async () => ({
            serviceStatus: 'available',
          }),
        );
      });
      mm.register(async (accounts) => {
        accounts.addHook('onRequest', requireClient(ctx, { apiKeyOnly: false }));
        registerAccountRoutes(accounts, ctx);
        const idempotency = createIdempotencyLayer(
          ctx.db,
          options.idempotencyKey,
          ctx.clock,
          (request) => `gsma:${clientOf(request).id}`,
          correlationIdHeader(ctx.clock),
        );
        accounts.addHook('onSend', idempotency.onSend);
        registerTransactionRoutes(accounts, options.platform, idempotency.preHandler);
        registerRequestStateRoutes(accounts, ctx);
        registerStatementRoutes(accounts, ctx);
        registerQuotationRoutes(accounts, ctx, idempotency.preHandler);
        registerAuthorisationCodeRoutes(accounts, ctx, idempotency.preHandler);
        registerBatchRoutes(accounts, ctx, idempotency.preHandler);
        registerAccountUpdateRoutes(accounts, ctx, idempotency.preHandler);
        registerIdentityRoutes(accounts, ctx, idempotency.preHandler);
      });
    },
    { prefix: GSMA_BASE_PATH },
  );
}
