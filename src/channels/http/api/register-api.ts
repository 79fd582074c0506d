// Mounts the app API under /api/v1: rate limits, session authentication, Idempotency-Key, and every route module.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { registerAccountRoutes } from './account-routes.js';
import { registerAuthorisationCodeRoutes } from './authorisation-code-routes.js';
import { registerDevRoutes } from './dev-routes.js';
import { type GuardedScopeOptions, guardScope } from './guarded-scope.js';
import { registerKycRoutes } from './kyc-routes.js';
import { registerMeRoutes } from './me-routes.js';
import { registerMerchantPayRoutes } from './merchant-pay-routes.js';
import { registerOtpRoutes } from './otp-routes.js';
import { registerP2pRoutes } from './p2p-routes.js';
import { refuseNul } from './refuse-nul.js';
import { registerRequestRoutes } from './request-routes.js';
import { registerSecurityRoutes } from './security-routes.js';
import { optionalPrincipalOf, requireSession } from './session-auth.js';
import { registerWalletRoutes } from './wallet-routes.js';

export type ApiOptions = GuardedScopeOptions;

export function registerAppApi(app: FastifyInstance, options: ApiOptions): void {
  const { platform } = options;
  app.register(
    async (scope) => {
      const { api, idempotency } = await guardScope(
        scope,
        options,
        (request) => optionalPrincipalOf(request)?.customerId ?? 'public',
      );
      const deps = { platform, session: requireSession(platform.ctx), idempotent: idempotency.preHandler };
      registerOtpRoutes(api, deps);
      registerAccountRoutes(api, deps);
      registerMeRoutes(api, deps);
      registerWalletRoutes(api, deps);
      registerP2pRoutes(api, deps);
      registerSecurityRoutes(api, deps);
      registerKycRoutes(api, deps);
      registerMerchantPayRoutes(api, deps);
      registerRequestRoutes(api, deps);
      registerAuthorisationCodeRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
  const outbox = platform.devSms;
  if (platform.ctx.settings.devEndpoints && outbox) {
    app.register(async (scope) => {
      scope.addHook('preValidation', refuseNul);
      registerDevRoutes(scope.withTypeProvider<TypeBoxTypeProvider>(), platform, outbox);
    });
  }
}
