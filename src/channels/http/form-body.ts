// Form bodies (application/x-www-form-urlencoded) for the channels that take them: checkout pages, USSD and SMS gateways.
import type { FastifyInstance } from 'fastify';

const badForm = () => Object.assign(new Error('The form body is not valid.'), { statusCode: 400 });

/**
 * Parses form bodies in `scope` with URLSearchParams into a plain object of strings; a repeated field or a NUL
 * is a bad request. With `only`, every other body type (JSON too) is refused.
 */
export function acceptFormBodies(
  scope: FastifyInstance,
  options: { bodyLimit: number; only: boolean },
): void {
  if (options.only) scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: options.bodyLimit },
    (_request, body, done) => {
      const entries = [...new URLSearchParams(String(body))];
      const names = new Set(entries.map(([name]) => name));
      if (names.size !== entries.length || entries.some((entry) => entry.join('').includes('\u0000'))) {
        done(badForm(), undefined);
        return;
      }
      // fromEntries defines own properties: a field named __proto__ stays a field (and is refused as unknown).
      done(null, Object.fromEntries(entries));
    },
  );
}
