// Mounts the merchant API under /merchant/v1: signed requests or portal sessions, per-merchant rate limits, Idempotency-Key, routes.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../domain/platform.js';
import type { ApiScope } from '../api/api-deps.js';
import { createIdempotencyLayer } from '../api/idempotency.js';
import { refuseNul } from '../api/refuse-nul.js';
import { registerMerchantAccountRoutes } from './merchant-account-routes.js';
import { keepRawJsonBodies, optionalMerchantOf, requireMerchantCaller } from './merchant-auth.js';
import { registerMerchantCredentialRoutes } from './merchant-credential-routes.js';
import { registerMerchantDashboardRoutes } from './merchant-dashboard-routes.js';
import { registerMerchantOrderRoutes } from './merchant-order-routes.js';
import { registerMerchantPaymentRoutes } from './merchant-payment-routes.js';
import { registerMerchantReportRoutes } from './merchant-report-routes.js';
import { registerMerchantSessionRoutes } from './merchant-session-routes.js';
import { registerMerchantSettlementRoutes } from './merchant-settlement-routes.js';
import { registerMerchantTeamRoutes } from './merchant-team-routes.js';
import { registerMerchantWebhookRoutes } from './merchant-webhook-routes.js';

export function registerMerchantApi(
  app: FastifyInstance,
  options: { platform: Platform; idempotencyKey: Buffer },
): void {
  const { platform } = options;
  app.register(
    async (scope) => {
      const api: ApiScope = scope.withTypeProvider<TypeBoxTypeProvider>();
      keepRawJsonBodies(scope);
      scope.addHook('preValidation', refuseNul);
      scope.addHook('preValidation', requireMerchantCaller(platform.ctx));
      // Counted per merchant once the caller is known, at each merchant's own rate (per address before login).
      await scope.register(rateLimit, {
        hook: 'preHandler',
        timeWindow: 60_000,
        keyGenerator: (request) => optionalMerchantOf(request)?.id ?? request.ip,
        max: (request) => optionalMerchantOf(request)?.rateLimitPerMinute ?? 60,
      });
      const idempotency = createIdempotencyLayer(
        platform.ctx.db,
        options.idempotencyKey,
        platform.ctx.clock,
        (request) => `merchant:${optionalMerchantOf(request)?.id ?? 'public'}`,
      );
      scope.addHook('onSend', idempotency.onSend);
      const deps = { platform, idempotent: idempotency.preHandler };
      registerMerchantSessionRoutes(api, deps);
      registerMerchantAccountRoutes(api, deps);
      registerMerchantCredentialRoutes(api, deps);
      registerMerchantOrderRoutes(api, deps);
      registerMerchantPaymentRoutes(api, deps);
      registerMerchantWebhookRoutes(api, deps);
      registerMerchantReportRoutes(api, deps);
      registerMerchantDashboardRoutes(api, deps);
      registerMerchantTeamRoutes(api, deps);
      registerMerchantSettlementRoutes(api, deps);
    },
    { prefix: '/merchant/v1' },
  );
}
