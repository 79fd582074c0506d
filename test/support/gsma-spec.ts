// Validates GSMA API replies against the shared OpenAPI spec: the operation's declared statuses and response schemas.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/** The spec as the repository carries it (`specs/`, copied from the GSMA's published v1.2 OpenAPI), or `GSMA_SPEC`. */
const SPEC_PATH =
  process.env.GSMA_SPEC ??
  join(dirname(fileURLToPath(import.meta.url)), '../../../specs/gsma-mobile-money-api-1.2.0.yaml');
const SPEC_ID = 'gsma-mm-1.2.json';
const BASE_PATH = '/gsma/v1.2/mm';

interface MediaType {
  schema?: unknown;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
interface SpecDocument {
  paths: Record<string, Record<string, Operation>>;
}

/** ajv-formats is CommonJS: its plugin is the default export's default under NodeNext. */
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (beside `minimum`/`maximum`) as JSON Schema's numeric
 * ones, which ajv expects (requestStateObject's pollLimit uses them).
 */
function draft7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(draft7);
  if (typeof schema !== 'object' || schema === null) return schema;
  const converted: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, draft7(value)]),
  );
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof converted[exclusive] !== 'boolean') continue;
    if (converted[exclusive] === true) converted[exclusive] = converted[bound];
    else delete converted[exclusive];
    if (converted[exclusive] !== undefined) delete converted[bound];
  }
  return converted;
}

function loadSpec(): { document: SpecDocument; ajv: Ajv } {
  if (!existsSync(SPEC_PATH)) throw new Error(`GSMA spec not found at ${SPEC_PATH} (set GSMA_SPEC)`);
  const document = draft7(parse(readFileSync(SPEC_PATH, 'utf8'))) as SpecDocument;
  // OpenAPI 3.0 schemas carry keywords JSON Schema does not know (example, xml…): not strict, but every format checked.
  // The spec's patterns are ECMA-262 without the u flag (geoCode escapes a comma, which u mode refuses).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const numeric of ['int32', 'int64', 'float', 'double'])
    ajv.addFormat(numeric, { type: 'number', validate: () => true });
  ajv.addSchema(document, SPEC_ID);
  return { document, ajv };
}

let loaded: ReturnType<typeof loadSpec> | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The spec's path template for a request path (`/accounts/msisdn/+86…/balance` → `/accounts/{identifierType}/{identifier}/balance`), the most literal match winning. */
function templateOf(paths: readonly string[], path: string): string | undefined {
  const segments = path.split('/');
  let best: { template: string; literals: number } | undefined;
  for (const template of paths) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const matches = parts.every((part, i) => part.startsWith('{') || part === segments[i]);
    if (!matches) continue;
    const literals = parts.filter((part) => !part.startsWith('{')).length;
    if (!best || literals > best.literals) best = { template, literals };
  }
  return best?.template;
}

/** Relative `#/…` references point into the document registered under SPEC_ID. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#')
        ? `${SPEC_ID}${value}`
        : anchored(value),
    ]),
  );
}

/**
 * What is wrong with a reply to `method url` according to the spec: an undocumented path or status, a body that is
 * not JSON, or a body that does not match the response schema. Empty when it conforms.
 */
export function specViolations(
  method: string,
  url: string,
  status: number,
  contentType: string,
  body: string,
): string[] {
  loaded ??= loadSpec();
  const path = url.split('?', 1)[0] ?? '';
  if (!path.startsWith(`${BASE_PATH}/`)) return [`${path} is not under ${BASE_PATH}`];
  const template = templateOf(Object.keys(loaded.document.paths), path.slice(BASE_PATH.length));
  if (!template) return [`${path} matches no path of the spec`];
  const operation = loaded.document.paths[template]?.[method.toLowerCase()];
  if (!operation) return [`the spec has no ${method} ${template}`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${template} declares no ${status} reply`];
  // A reply declared without content (204) must have none.
  if (!response.content) return body === '' ? [] : [`${method} ${template} ${status} declares no body`];
  const schema = response.content['application/json']?.schema;
  if (!schema) return [`${method} ${template} ${status} has no JSON schema`];
  if (!contentType.startsWith('application/json'))
    return [`content-type ${contentType}, not application/json`];
  const key = `${method} ${template} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = loaded.ajv.compile(anchored(schema) as object);
    compiled.set(key, validate);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['the body is not JSON'];
  }
  if (validate(parsed)) return [];
  return (validate.errors ?? []).map(
    (e) => `${key}: ${e.instancePath || '(body)'} ${e.message ?? e.keyword}`,
  );
}
