// Mounts the GSMA Mobile Money API v1.2 under /gsma/v1.2/mm, and its OAuth2 token endpoint /gsma/v1/oauth/accesstoken.
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../domain/platform.js';
import { registerAccountRoutes } from './account-routes.js';
import { requireClient } from './gsma-auth.js';
import { registerGsmaErrorHandling } from './gsma-errors.js';
import { registerOAuthRoutes } from './oauth-routes.js';

export const GSMA_BASE_PATH = '/gsma/v1.2/mm';

export function registerGsmaApi(app: FastifyInstance, options: { platform: Platform }): void {
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
      });
    },
    { prefix: GSMA_BASE_PATH },
  );
}
