// The benchmark's baseline: a trivial route on the same server that returns its JSON body (on only with MWALLET_BENCH_ECHO=1).
import type { FastifyInstance } from 'fastify';

export function registerEchoRoute(app: FastifyInstance): void {
  app.post('/bench/echo', { schema: { hide: true } }, async (request) => request.body);
}
