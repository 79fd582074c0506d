// Mounts the USSD gateway endpoint POST /channels/ussd (aggregator style: form or JSON in, CON/END plain text out).
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../domain/platform.js';
import { acceptFormBodies } from '../http/form-body.js';
import { requireGatewayToken } from '../http/gateways/gateway-auth.js';
import { problemResponse, sendProblem } from '../http/problem.js';
import { createUssdGateway } from './ussd-gateway.js';

export interface UssdOptions {
  platform: Platform;
  /** The app's requests per minute per client; 0 turns rate limiting off (here it is counted per phone). */
  rateLimitPerMinute: number;
}

/** Requests one phone number may make per minute: a person pressing keys makes far fewer. */
const PER_PHONE_PER_MINUTE = 30;
const BODY_LIMIT_BYTES = 2048;

const UssdBody = Type.Object(
  {
    sessionId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'The gateway’s session id' }),
    serviceCode: Type.String({ minLength: 1, maxLength: 32, description: 'The code dialled, e.g. *123#' }),
    phoneNumber: Type.String({ minLength: 1, maxLength: 32, description: 'The caller’s number' }),
    text: Type.String({
      maxLength: 400,
      pattern: '^[0-9*#+.]*$',
      description: 'Every input of the session so far joined by *; empty on the first request',
    }),
    networkCode: Type.Optional(Type.String({ maxLength: 16, description: 'The mobile network (ignored)' })),
  },
  { additionalProperties: false },
);

function phoneOf(request: FastifyRequest): string {
  const body = request.body;
  const phone =
    typeof body === 'object' && body !== null && 'phoneNumber' in body ? body.phoneNumber : undefined;
  return typeof phone === 'string' ? `ussd:${phone}` : request.ip;
}

export function registerUssdChannel(app: FastifyInstance, options: UssdOptions): void {
  const gateway = createUssdGateway(options.platform);
  app.register(async (scope) => {
    acceptFormBodies(scope, { bodyLimit: BODY_LIMIT_BYTES, only: false });
    scope.addHook(
      'onRequest',
      requireGatewayToken(options.platform.ctx.settings.channels, options.platform.ctx.settings.devEndpoints),
    );
    if (options.rateLimitPerMinute > 0) {
      await scope.register(rateLimit, {
        max: PER_PHONE_PER_MINUTE,
        timeWindow: 60_000,
        hook: 'preHandler',
        keyGenerator: phoneOf,
      });
    }
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/channels/ussd',
      {
        bodyLimit: BODY_LIMIT_BYTES,
        schema: {
          tags: ['channels'],
          summary: 'The USSD gateway callback (Africa’s Talking style): one request per key press',
          description:
            'Answers `CON <screen>` to continue or `END <screen>` to finish, in the customer’s language. ' +
            'A retry of the same step (same sessionId and text) gets the same answer and runs nothing again.',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          produces: ['text/plain'],
          body: UssdBody,
          response: {
            200: {
              description: 'The screen: CON (continue) or END (final)',
              content: { 'text/plain': { schema: Type.String() } },
            },
            400: problemResponse('Malformed request, unknown service code, or a session of another number'),
            409: problemResponse('Another request of the session was answered meanwhile'),
            429: problemResponse('Too many requests from this number'),
          },
        },
      },
      async (request, reply) => {
        const answer = await gateway.handle(request.body);
        if (!answer.ok) return sendProblem(reply, answer.problem);
        return reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(answer.text);
      },
    );
  });
}
