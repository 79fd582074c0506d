// Builds the fuzz requests for one route and mode: body, path, query, headers; never one the API could act on.
import fc from 'fast-check';
import {
  JSON_TYPE,
  junkAcceptLanguage,
  junkAuthorization,
  junkContentType,
  junkHeaders,
  junkIdempotencyKey,
  junkSegment,
  junkString,
  junkValue,
  malformedJson,
  shortJunk,
  UNPARSED_TYPES,
  VALID_KEY,
} from './fuzz-inputs.js';
import { junkQuery } from './fuzz-queries.js';
import {
  type Field,
  type FuzzRequest,
  type FuzzWorld,
  keysWithin,
  type Mode,
  type RouteSpec,
} from './fuzz-routes.js';

/** The body as a JSON object with some fields, from each field's generator of choice. */
function objectOf(
  fields: Field[],
  pick: (f: Field) => fc.Arbitrary<unknown>,
  present?: Field,
): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of fields) model[f.name] = pick(f);
  const requiredKeys = fields.filter((f) => f.required || f === present).map((f) => f.name);
  return fc.record(model, { requiredKeys });
}

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON texts for a body schema: malformed, wrong types, missing, extra or refused fields, huge, and well-formed. */
function schemaBody(fields: Field[], world: FuzzWorld): fc.Arbitrary<string> {
  const names = fields.map((f) => f.name);
  const wellFormed = objectOf(fields, (f) => f.wellFormed(world));
  const withRefused = fields.filter((f) => f.refused);
  const json = (value: unknown) => JSON.stringify(value);
  const refused = withRefused.length
    ? fc
        .constantFrom(...withRefused)
        .chain((chosen) =>
          objectOf(
            fields,
            (f) => (f === chosen && f.refused ? f.refused(world) : f.wellFormed(world)),
            chosen,
          ),
        )
    : wellFormed;
  return fc.oneof(
    { weight: 2, arbitrary: wellFormed.map(json) },
    { weight: 3, arbitrary: refused.map(json) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(wellFormed, fc.constantFrom(...names), junkValue)
        .map(([body, name, value]) => json({ ...body, [name]: value })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(wellFormed, fc.constantFrom(...names)).map(([body, name]) => {
        const { [name]: _dropped, ...rest } = body;
        return json(rest);
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(wellFormed, fc.dictionary(shortJunk(20), junkValue, { minKeys: 1, maxKeys: 3 }))
        .map(([body, extra]) => json({ ...extra, ...body }))
        .filter((text) => !keysWithin(JSON.parse(text) as Record<string, unknown>, names)),
    },
    { weight: 3, arbitrary: wellFormed.chain((body) => malformedJson(json(body))) },
    { weight: 1, arbitrary: junkValue.filter((value) => !isJsonObject(value)).map(json) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(wellFormed, fc.constantFrom(...names))
        .map(([body, name]) => json({ ...body, [name]: 'x'.repeat(1_100_000) })),
    },
  );
}

/** Bodies for routes that take none: mostly nothing, else junk. */
const strayBody: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: malformedJson('{"a":1}') },
  { weight: 1, arbitrary: junkString },
  { weight: 1, arbitrary: junkValue.map((value) => JSON.stringify(value) ?? 'null') },
);

function parsesAsJson(text: string): unknown {
  try {
    // Fastify's parser skips a byte-order mark.
    return JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a request with a valid session could get past the body parser of a route without a body schema. */
function bodyParses(contentType: string | undefined, payload: string | undefined): boolean {
  if (payload === undefined) return true;
  if (payload.length === 0) return contentType !== 'application/json';
  if (Buffer.byteLength(payload) > 1024 * 1024) return false;
  if (contentType === undefined || (UNPARSED_TYPES as readonly string[]).includes(contentType)) return false;
  if (JSON_TYPE.test(contentType)) return parsesAsJson(payload) !== undefined;
  return true;
}

/** Whether the API could accept the request and act on it (a GET reads only): such a case is never sent. */
export function mayAct(route: RouteSpec, mode: Mode, request: FuzzRequest, world: FuzzWorld): boolean {
  if (route.method === 'GET' || (route.auth && mode === 'anonymous')) return false;
  const contentType = request.headers['content-type'];
  if (route.acceptsAnyBody) return bodyParses(contentType, request.payload);
  if (route.idempotent && !VALID_KEY.test(request.headers['idempotency-key'] ?? '')) return false;
  if (!route.mayAccept || !contentType || !JSON_TYPE.test(contentType) || request.payload === undefined)
    return false;
  if (Buffer.byteLength(request.payload) > 1024 * 1024) return false;
  const body = parsesAsJson(request.payload);
  return isJsonObject(body) && route.mayAccept(body, world);
}

function pathOf(route: RouteSpec, world: FuzzWorld): fc.Arbitrary<string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  if (names.length === 0) return fc.constant(route.path);
  const values = names.map((name) => {
    const known = route.params?.[name];
    return known ? fc.oneof(known(world), junkSegment) : junkSegment;
  });
  return fc.tuple(...values).map((segments) => {
    let path = route.path;
    names.forEach((name, i) => {
      path = path.replace(`{${name}}`, segments[i] ?? '');
    });
    return path;
  });
}

function headersOf(route: RouteSpec, mode: Mode, world: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const json = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON');
  return fc
    .record({
      contentType: route.fields
        ? fc.oneof({ weight: 8, arbitrary: json }, { weight: 1, arbitrary: junkContentType })
        : fc.oneof(junkContentType, json),
      key: fc.oneof(
        { weight: route.idempotent ? 8 : 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: junkIdempotencyKey },
        { weight: 1, arbitrary: fc.constant('fuzz-reused-key') },
      ),
      authorization:
        mode === 'session'
          ? fc.constant(`Bearer ${world.token}`)
          : fc.option(junkAuthorization, { nil: undefined }),
      language: fc.option(junkAcceptLanguage, { nil: undefined }),
      extra: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: junkHeaders }),
    })
    .map(({ contentType, key, authorization, language, extra }) => {
      const headers: Record<string, string> = { ...extra };
      if (contentType !== undefined) headers['content-type'] = contentType;
      if (key !== undefined) headers['idempotency-key'] = key;
      if (authorization !== undefined) headers.authorization = authorization;
      if (language !== undefined) headers['accept-language'] = language;
      return headers;
    });
}

const clip = (text: string, max = 200) =>
  text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;

/** A printable summary of a request (bodies can be megabytes), for fast-check's counterexamples. */
export function describeRequest(request: FuzzRequest): string {
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${clip(JSON.stringify(v), 120)}`);
  const body =
    request.payload === undefined ? 'no body' : `body ${clip(JSON.stringify(request.payload), 300)}`;
  return `${request.method} ${clip(request.url, 300)} [${headers.join('; ')}] ${body}`;
}

/** Requests for one route in one mode that the API must refuse (or, for GET, may answer), never secrets. */
export function requestsFor(route: RouteSpec, mode: Mode, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const body = route.fields ? schemaBody(route.fields, world) : strayBody;
  return fc
    .record({
      path: pathOf(route, world),
      query: route.query ?? junkQuery,
      headers: headersOf(route, mode, world),
      payload: body,
    })
    .map(({ path, query, headers, payload }): FuzzRequest => {
      const request: FuzzRequest = { method: route.method, url: path + query, headers };
      if (payload !== undefined) request.payload = payload;
      Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
      return request;
    })
    .filter(
      (request) =>
        !world.secrets.some((secret) => request.url.includes(secret) || request.payload?.includes(secret)) &&
        !mayAct(route, mode, request, world),
    );
}
