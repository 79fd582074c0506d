// Serves the feature-phone simulator at /phone/ (demo and development only: it talks to the channel gateways unsigned).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PHONE_PAGE } from './phone-page.js';
import { PHONE_SCRIPT } from './phone-script.js';

function secured(reply: FastifyReply): FastifyReply {
  return reply
    .header(
      'content-security-policy',
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'",
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store');
}

export function registerPhoneSimulator(app: FastifyInstance): void {
  app.get(
    '/phone/',
    {
      schema: {
        tags: ['development'],
        summary: 'Feature-phone simulator: dial the USSD service and send SMS commands (demo mode only)',
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'HTML page' }) },
      },
    },
    async (_request, reply) => secured(reply).type('text/html; charset=utf-8').send(PHONE_PAGE),
  );
  app.get(
    '/phone/phone.js',
    {
      schema: {
        tags: ['development'],
        summary: "The simulator's script",
        produces: ['text/javascript'],
        response: { 200: Type.String({ description: 'JavaScript' }) },
      },
    },
    async (_request, reply) => secured(reply).type('text/javascript; charset=utf-8').send(PHONE_SCRIPT),
  );
}
