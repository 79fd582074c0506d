// Mounts the SMS gateway's inbound webhook POST /channels/sms (form or JSON); replies go out through the SMS outbox.
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Platform } from '../../domain/platform.js';
import { acceptFormBodies } from '../http/form-body.js';
import { requireGatewayToken } from '../http/gateways/gateway-auth.js';
import { problemResponse, sendProblem } from '../http/problem.js';
import { receiveSms } from './sms-inbound.js';

export interface SmsChannelOptions {
  platform: Platform;
  /** The app's requests per minute per client; 0 turns rate limiting off (here it is counted per sender). */
  rateLimitPerMinute: number;
}

/** Messages one number may send per minute: a person typing SMS sends far fewer. */
const PER_SENDER_PER_MINUTE = 20;
const BODY_LIMIT_BYTES = 4096;
/** No control characters but line breaks and tabs. */
const PLAIN_TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const ignored = (description: string) => Type.Optional(Type.String({ maxLength: 64, description }));

const SmsBody = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 32, description: 'The sender’s number' }),
    text: Type.String({ maxLength: 640, pattern: PLAIN_TEXT, description: 'The message (up to 4 parts)' }),
    messageId: Type.String({
      pattern: '^[A-Za-z0-9_.:-]{1,64}$',
      description: 'The gateway’s id of the message: a repeated delivery is acknowledged and run once',
    }),
    to: ignored('The number or short code the message was sent to (ignored)'),
    date: ignored('When the gateway received it (ignored)'),
    linkId: ignored('The gateway’s premium-SMS link id (ignored)'),
    networkCode: ignored('The sender’s mobile network (ignored)'),
  },
  { additionalProperties: false },
);

function senderOf(request: FastifyRequest): string {
  const body = request.body;
  const from = typeof body === 'object' && body !== null && 'from' in body ? body.from : undefined;
  return typeof from === 'string' ? `sms:${from}` : request.ip;
}

export function registerSmsChannel(app: FastifyInstance, options: SmsChannelOptions): void {
  app.register(async (scope) => {
    acceptFormBodies(scope, { bodyLimit: BODY_LIMIT_BYTES, only: false });
    const { settings } = options.platform.ctx;
    scope.addHook('onRequest', requireGatewayToken(settings.channels, settings.devEndpoints));
    if (options.rateLimitPerMinute > 0) {
      await scope.register(rateLimit, {
        max: PER_SENDER_PER_MINUTE,
        timeWindow: 60_000,
        hook: 'preHandler',
        keyGenerator: senderOf,
      });
    }
    scope.withTypeProvider<TypeBoxTypeProvider>().post(
      '/channels/sms',
      {
        bodyLimit: BODY_LIMIT_BYTES,
        schema: {
          tags: ['channels'],
          summary: 'The SMS gateway’s inbound webhook: one customer SMS command',
          description:
            'Commands (English or Chinese): BAL/余额, MINI/明细, SEND/转账 <number> <amount>, ' +
            'PAY/付款 <till code> <amount>, YES/确认 <code>, HELP/帮助. Money never moves on the first SMS: ' +
            'SEND and PAY are answered with a one-time code to confirm with YES. Answers go to the sender by SMS ' +
            '(in the customer’s language), never in this response.',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: SmsBody,
          response: {
            200: Type.Object(
              { accepted: Type.Literal(true) },
              { description: 'Received (and run, once per messageId); the answer follows by SMS' },
            ),
            400: problemResponse('Malformed request: a missing, oversized or invalid field'),
            429: problemResponse('Too many messages from this number'),
          },
        },
      },
      async (request, reply) => {
        const received = await receiveSms(options.platform, request.body);
        if (!received.ok) return sendProblem(reply, received.problem);
        return reply.header('cache-control', 'no-store').send({ accepted: true as const });
      },
    );
  });
}
