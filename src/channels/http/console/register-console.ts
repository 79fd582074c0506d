// Mounts the operator console API under /console/v1: staff sessions, per-role permissions, Idempotency-Key, routes.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../../domain/platform.js';
import type { Permission } from '../../../domain/staff/roles.js';
import type { Metrics } from '../../../observability/metrics.js';
import type { ApiScope } from '../api/api-deps.js';
import { createIdempotencyLayer } from '../api/idempotency.js';
import { refuseNul } from '../api/refuse-nul.js';
import { optionalStaffOf, requirePermission, requireStaff } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { registerCustomerRoutes } from './customer-routes.js';
import { registerReversalRoutes } from './reversal-routes.js';
import { registerReviewRoutes } from './review-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerSystemRoutes } from './system-routes.js';

export interface ConsoleOptions {
  platform: Platform;
  metrics: Metrics;
  /** Key for the answers stored under Idempotency-Keys (encrypted at rest). */
  idempotencyKey: Buffer;
  /** Requests per minute per client address; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
}

export function registerConsoleApi(app: FastifyInstance, options: ConsoleOptions): void {
  const { platform } = options;
  app.register(
    async (scope) => {
      const api: ApiScope = scope.withTypeProvider<TypeBoxTypeProvider>();
      if (options.rateLimitPerMinute > 0) {
        await scope.register(rateLimit, { max: options.rateLimitPerMinute, timeWindow: 60_000 });
      }
      const idempotency = createIdempotencyLayer(
        platform.ctx.db,
        options.idempotencyKey,
        platform.ctx.clock,
        (request) => `staff:${optionalStaffOf(request)?.username ?? 'unknown'}`,
      );
      scope.addHook('preValidation', refuseNul);
      scope.addHook('onSend', idempotency.onSend);
      const staff = requireStaff(platform.ctx);
      const deps: ConsoleDeps = {
        platform,
        metrics: options.metrics,
        staff,
        idempotent: idempotency.preHandler,
        guard: (permission: Permission, guardOptions = { changes: false }) => [
          staff,
          requirePermission(permission),
          ...(guardOptions.changes ? [idempotency.preHandler] : []),
        ],
      };
      registerSessionRoutes(api, deps);
      registerCustomerRoutes(api, deps);
      registerReviewRoutes(api, deps);
      registerReversalRoutes(api, deps);
      registerSystemRoutes(api, deps);
    },
    { prefix: '/console/v1' },
  );
}
