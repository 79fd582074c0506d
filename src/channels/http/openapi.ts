// The OpenAPI 3.1 document built from the routes' TypeBox schemas, served as /openapi.json and as Swagger UI at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** Only `openapi` is declared: declared nested objects would be serialized without their other keys. */
const OpenApiDocumentSchema = Type.Object(
  { openapi: Type.String({ examples: ['3.1.0'] }) },
  { additionalProperties: true, description: 'OpenAPI 3.1 document' },
);

/** Must run before any route is registered: the document lists the routes added after it. */
export function registerOpenApi(app: FastifyInstance, version: string): void {
  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'mwallet', version, description: 'Open-source mobile money platform.' },
      tags: [
        { name: 'operations', description: 'Health, readiness, metrics and API description' },
        { name: 'customers', description: 'SMS codes, registration, login, profile and devices' },
        { name: 'wallet', description: 'Balance and history' },
        { name: 'payments', description: 'P2P transfers to phone numbers' },
        { name: 'merchant payments', description: 'Customers paying merchants: QR, payment codes, requests' },
        {
          name: 'merchant',
          description: 'The merchant API (signed requests): orders, payments, refunds, webhooks',
        },
        { name: 'checkout', description: 'Hosted checkout pages (HTML) where customers pay online orders' },
        {
          name: 'console',
          description: 'The operator console API (staff sessions with TOTP, roles, audited)',
        },
        { name: 'development', description: 'Demo and development helpers (off in production)' },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'http',
            scheme: 'bearer',
            description: 'Session token from POST /api/v1/sessions',
          },
          staffSession: {
            type: 'http',
            scheme: 'bearer',
            description: 'Staff session token from POST /console/v1/session',
          },
          merchantSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description:
              'MWALLET-HMAC-SHA256 keyId=<key id>,timestamp=<unix seconds>,nonce=<16-64 of A-Za-z0-9_->,signature=<base64 ' +
              'HMAC-SHA256 of "METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nhex(sha256(body))" under the key secret>',
          },
          merchantSession: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Merchant portal session from POST /merchant/v1/session; each route says the least role it needs ' +
              '(cashier < manager < owner), and API keys may call every route',
          },
        },
      },
    },
  });
  // Swagger UI's assets ship inside the package and are served from /docs/static: no CDN.
  app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true } });
  app.register(async (scope) => {
    scope.get(
      '/openapi.json',
      {
        schema: {
          tags: ['operations'],
          summary: 'This API described in OpenAPI 3.1',
          response: { 200: OpenApiDocumentSchema },
        },
      },
      async () => scope.swagger(),
    );
  });
}
