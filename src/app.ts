// Composition root: builds the HTTP app from its dependencies (routes registered, not listening).
import fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerGsmaApi } from './channels/gsma/register-gsma.js';
import { registerAppApi } from './channels/http/api/register-api.js';
import { registerCheckout } from './channels/http/checkout/register-checkout.js';
import { registerConsoleApi } from './channels/http/console/register-console.js';
import { registerErrorHandling } from './channels/http/error-handler.js';
import { registerHttpMetrics } from './channels/http/http-metrics.js';
import { registerMerchantApi } from './channels/http/merchant/register-merchant-api.js';
import { registerOpenApi } from './channels/http/openapi.js';
import { registerPhoneSimulator } from './channels/http/phone/phone-routes.js';
import { problem, sendProblem } from './channels/http/problem.js';
import { registerEchoRoute } from './channels/http/routes/echo.js';
import { registerHealthRoutes } from './channels/http/routes/health.js';
import { registerHomeRoute } from './channels/http/routes/home.js';
import { registerMetricsRoute } from './channels/http/routes/metrics.js';
import { listBuiltWebApps, registerWebApps } from './channels/http/web/register-web-apps.js';
import { registerSmsChannel } from './channels/sms/register-sms.js';
import { registerUssdChannel } from './channels/ussd/register-ussd.js';
import type { Config } from './config.js';
import type { Platform } from './domain/platform.js';
import type { Ledger } from './ledger/ledger.js';
import type { Logger } from './observability/logger.js';
import type { Metrics } from './observability/metrics.js';
import type { SecretKey } from './secrets/secret-key.js';
import type { LedgerStore } from './storage/port.js';

export interface AppDeps {
  config: Config;
  store: LedgerStore;
  /** The group-committed ledger the domain services write through. */
  ledger: Ledger;
  logger: Logger;
  metrics: Metrics;
  /** The master secret the domain services derive their keys from (PIN pepper, tokens, webhooks). */
  secretKey: SecretKey;
  /** The platform's version, shown in the OpenAPI document. */
  version: string;
  /** The domain services behind the app API. */
  platform: Platform;
}

export function createApp(deps: AppDeps): FastifyInstance {
  // Typed as Fastify's logger interface so plugins and route modules take a plain FastifyInstance.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = fastify({
    loggerInstance,
    // GSMA identifiers may be 256 characters long (the default limit of a path parameter is 100).
    routerOptions: { maxParamLength: 256 },
    // Unknown properties are rejected (schemas say additionalProperties: false), never silently dropped.
    // No type coercion: an amount sent as a JSON number is refused, not turned into a string
    // (query parameters are strings and their schemas say so).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    // Malformed URLs (bad percent-encoding) get a problem+json reply like every other error.
    frameworkErrors: (error, request, reply) => {
      sendProblem(
        reply,
        problem(400, 'invalid_request', `${error.message} (${request.method} ${request.url.slice(0, 200)})`),
      );
    },
  });
  registerErrorHandling(app);
  registerHttpMetrics(app, deps.metrics);
  registerOpenApi(app, deps.version);
  app.register(async (routes) => {
    const webApps = await listBuiltWebApps();
    registerHomeRoute(routes, webApps);
    await registerWebApps(routes, webApps);
    registerHealthRoutes(routes, deps.store);
    registerMetricsRoute(routes, deps.metrics.registry);
    if (deps.config.benchEcho) registerEchoRoute(routes);
    if (deps.platform.ctx.settings.devEndpoints) registerPhoneSimulator(routes);
  });
  registerAppApi(app, {
    platform: deps.platform,
    idempotencyKey: deps.secretKey.derive('mwallet/idempotency'),
    rateLimitPerMinute: deps.config.rateLimitPerMinute,
  });
  registerMerchantApi(app, {
    platform: deps.platform,
    idempotencyKey: deps.secretKey.derive('mwallet/idempotency'),
  });
  registerConsoleApi(app, {
    platform: deps.platform,
    metrics: deps.metrics,
    idempotencyKey: deps.secretKey.derive('mwallet/idempotency'),
    rateLimitPerMinute: deps.config.rateLimitPerMinute,
  });
  registerGsmaApi(app, {
    platform: deps.platform,
    idempotencyKey: deps.secretKey.derive('mwallet/idempotency'),
  });
  registerUssdChannel(app, { platform: deps.platform, rateLimitPerMinute: deps.config.rateLimitPerMinute });
  registerCheckout(app, { platform: deps.platform, rateLimitPerMinute: deps.config.rateLimitPerMinute });
  registerSmsChannel(app, { platform: deps.platform, rateLimitPerMinute: deps.config.rateLimitPerMinute });
  return app;
}
