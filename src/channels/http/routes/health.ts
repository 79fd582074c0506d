// Liveness (/healthz: the process answers) and readiness (/readyz: the database answers) probes.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { LedgerStore } from '../../../storage/port.js';
import { problem, problemResponse, sendProblem } from '../problem.js';

const NO_STORE = 'no-store';

export function registerHealthRoutes(app: FastifyInstance, store: Pick<LedgerStore, 'ping'>): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up (does not touch the database)',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async (_request, reply) => reply.header('cache-control', NO_STORE).send({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database is reachable',
        response: {
          200: Type.Object({ status: Type.Literal('ready') }),
          503: problemResponse('The database is not reachable'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      try {
        await store.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed: database ping');
        return sendProblem(reply, problem(503, 'not_ready', 'The database is not reachable.'));
      }
      return reply.send({ status: 'ready' });
    },
  );
}
