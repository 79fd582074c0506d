// Serves the built browser apps (dist/web/<app>/) at /<app>/, with a strict content security policy.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const BUILT_WEB_DIR = fileURLToPath(new URL('../../../../web/', import.meta.url));

/** Scripts and styles only from this server; images may be data: or blob: URLs (QR codes, camera frames). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** The apps present in the build output, sorted; none when the front end was never built. */
export async function listBuiltWebApps(dir: string = BUILT_WEB_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function registerWebApps(app: FastifyInstance, apps: readonly string[], dir = BUILT_WEB_DIR) {
  for (const name of apps) {
    app.get(`/${name}`, { schema: { hide: true } }, async (_request, reply) => reply.redirect(`/${name}/`));
    await app.register(async (scope) => {
      scope.addHook('onSend', async (_request, reply) => {
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'same-origin');
        reply.header('cache-control', 'no-cache');
      });
      await scope.register(fastifyStatic, {
        root: join(dir, name),
        prefix: `/${name}/`,
        decorateReply: false,
        schemaHide: true,
        // The build wrote .br and .gz files beside each bundle: sent as they are to browsers that accept them.
        preCompressed: true,
      });
    });
  }
}
