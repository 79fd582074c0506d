// Who may call the USSD and SMS gateway endpoints: the aggregator with its bearer token (it vouches for the phone number).
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelSettings } from '../../../domain/settings.js';
import { problem, sendProblem } from '../problem.js';

/**
 * An onRequest hook. With a token configured, the request must carry `Authorization: Bearer <token>`; without
 * one the endpoints are open only in demo mode (the phone simulator) — otherwise anyone could speak for any
 * phone number.
 */
export function requireGatewayToken(channels: ChannelSettings, demo: boolean) {
  const expected =
    channels.gatewayToken === null ? undefined : Buffer.from(`Bearer ${channels.gatewayToken}`);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (expected === undefined) {
      if (demo) return;
      return sendProblem(
        reply,
        problem(
          503,
          'gateway_not_configured',
          'Set MWALLET_GATEWAY_TOKEN to let the USSD and SMS gateways in.',
        ),
      );
    }
    const given = Buffer.from(String(request.headers.authorization ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(
        reply,
        problem(401, 'unauthorized', 'Send the gateway token: Authorization: Bearer …'),
      );
    }
  };
}
