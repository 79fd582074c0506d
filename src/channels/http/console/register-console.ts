// Mounts the operator console API under /console/v1: staff sessions, per-role permissions, Idempotency-Key, routes.
import type { FastifyInstance } from 'fastify';
import type { Permission } from '../../../domain/staff/roles.js';
import type { Metrics } from '../../../observability/metrics.js';
import { type GuardedScopeOptions, guardScope } from '../api/guarded-scope.js';
import { optionalStaffOf, requirePermission, requireStaff } from './console-auth.js';
import type { ConsoleDeps } from './console-deps.js';
import { registerCustomerRoutes } from './customer-routes.js';
import { registerReversalRoutes } from './reversal-routes.js';
import { registerReviewRoutes } from './review-routes.js';
import { registerSessionRoutes } from './session-routes.js';
import { registerStaffRoutes } from './staff-routes.js';
import { registerSystemRoutes } from './system-routes.js';

export interface ConsoleOptions extends GuardedScopeOptions {
  metrics: Metrics;
}

export function registerConsoleApi(app: FastifyInstance, options: ConsoleOptions): void {
  const { platform } = options;
  app.register(
    async (scope) => {
      const { api, idempotency } = await guardScope(
        scope,
        options,
        (request) => `staff:${optionalStaffOf(request)?.username ?? 'unknown'}`,
      );
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
      registerStaffRoutes(api, deps);
    },
    { prefix: '/console/v1' },
  );
}
