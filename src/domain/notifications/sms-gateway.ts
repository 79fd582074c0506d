// The HTTP SMS gateway adapter: its configuration from the environment and a sender built on fetch.

/** How to reach an HTTP SMS gateway. Templates hold `{to}` (E.164 number) and `{text}` placeholders. */
export interface SmsGatewayConfig {
  /** E.g. 'https://sms.example.com/send?to={to}&text={text}'; placeholders are URL-encoded. */
  urlTemplate: string;
  method: 'GET' | 'POST';
  /** For POST: a JSON template such as '{"to":"{to}","text":"{text}"}'; placeholders are JSON-string-escaped. */
  bodyTemplate?: string;
  /** The full Authorization header value, e.g. 'Bearer …' or 'Basic …'. */
  authorization?: string;
  timeoutMs: number;
}

/**
 * The outcome of one send. `gateway_timeout` and `gateway_unreachable` are *unknown* outcomes, not failures:
 * the gateway may have accepted the text before the answer was lost. The caller retries, so delivery is
 * at-least-once and a customer may, rarely, receive a text twice.
 */
export type SmsSendResult =
  | { ok: true; providerId?: string }
  | { ok: false; error: 'gateway_rejected' | 'gateway_unreachable' | 'gateway_timeout'; status?: number };

const DEFAULT_TIMEOUT_MS = 5_000;
const MAX_TIMEOUT_MS = 60_000;
const PLACEHOLDER = /\{(to|text)\}/g;
const URL_EXAMPLE = 'https://sms.example.com/send?to={to}&text={text}';
const BODY_EXAMPLE = '{"to":"{to}","text":"{text}"}';

/** Replaces every placeholder in one pass, so a `{to}` inside the text stays literal. */
function fill(template: string, to: string, text: string, encode: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (_match: string, name: string) => encode(name === 'to' ? to : text));
}

function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function isHttpUrl(template: string): boolean {
  const url = fill(template, 'x', 'x', encodeURIComponent);
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

function isJsonTemplate(template: string): boolean {
  try {
    JSON.parse(fill(template, 'x', 'x', jsonEscape));
    return true;
  } catch {
    return false;
  }
}

function readMethod(text: string | undefined, hasBody: boolean, errors: string[]): 'GET' | 'POST' {
  const fallback = hasBody ? 'POST' : 'GET';
  const method = text?.toUpperCase() ?? fallback;
  if (method === 'GET' || method === 'POST') return method;
  errors.push(`MWALLET_SMS_GATEWAY_METHOD must be GET or POST (got "${text}")`);
  return fallback;
}

function readTimeout(text: string | undefined, errors: string[]): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (value >= 1 && value <= MAX_TIMEOUT_MS) return value;
  errors.push(
    `MWALLET_SMS_GATEWAY_TIMEOUT_MS must be a whole number from 1 to ${MAX_TIMEOUT_MS} (got "${text}")`,
  );
  return DEFAULT_TIMEOUT_MS;
}

function checkTemplates(url: string, body: string | undefined, method: string, errors: string[]): void {
  // The URL and Authorization are never echoed: they may hold credentials.
  if (!isHttpUrl(url)) errors.push(`MWALLET_SMS_GATEWAY_URL must be an http(s) URL such as ${URL_EXAMPLE}`);
  if (body !== undefined && method !== 'POST') errors.push('MWALLET_SMS_GATEWAY_BODY is only used with POST');
  if (body !== undefined && !isJsonTemplate(body)) {
    errors.push(`MWALLET_SMS_GATEWAY_BODY must be a JSON template such as ${BODY_EXAMPLE}`);
  }
  for (const placeholder of ['{to}', '{text}']) {
    if (!url.includes(placeholder) && !body?.includes(placeholder)) {
      errors.push(`MWALLET_SMS_GATEWAY_URL or MWALLET_SMS_GATEWAY_BODY must contain ${placeholder}`);
    }
  }
}

/**
 * Reads MWALLET_SMS_GATEWAY_URL (required), _METHOD (GET or POST; POST when a body is given, else GET),
 * _BODY, _AUTH and _TIMEOUT_MS (default 5,000). Collects every problem; blank values count as unset.
 */
export function parseSmsGatewayConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: SmsGatewayConfig } | { ok: false; errors: string[] } {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const errors: string[] = [];
  const url = read('MWALLET_SMS_GATEWAY_URL');
  const body = read('MWALLET_SMS_GATEWAY_BODY');
  const authorization = read('MWALLET_SMS_GATEWAY_AUTH');
  const method = readMethod(read('MWALLET_SMS_GATEWAY_METHOD'), body !== undefined, errors);
  const timeoutMs = readTimeout(read('MWALLET_SMS_GATEWAY_TIMEOUT_MS'), errors);
  if (url === undefined) errors.push(`MWALLET_SMS_GATEWAY_URL is required, e.g. ${URL_EXAMPLE}`);
  else checkTemplates(url, body, method, errors);
  if (authorization !== undefined && /[\r\n]/.test(authorization)) {
    errors.push('MWALLET_SMS_GATEWAY_AUTH must be a single line');
  }
  if (url === undefined || errors.length > 0) return { ok: false, errors };
  const config: SmsGatewayConfig = { urlTemplate: url, method, timeoutMs };
  if (body !== undefined) config.bodyTemplate = body;
  if (authorization !== undefined) config.authorization = authorization;
  return { ok: true, config };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The gateway's id for the message, if its answer is JSON with `messageId`, `message_id` or `id`. */
function providerIdOf(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const id = parsed.messageId ?? parsed.message_id ?? parsed.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

async function outcomeOf(response: Response): Promise<SmsSendResult> {
  // Reading the body frees the connection; a 2xx whose body is lost is still accepted.
  const body = await response.text().catch(() => '');
  if (!response.ok) return { ok: false, error: 'gateway_rejected', status: response.status };
  const providerId = providerIdOf(body);
  return providerId === undefined ? { ok: true } : { ok: true, providerId };
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

/**
 * An SMS sender posting to the configured gateway: 2xx = accepted; another status = `gateway_rejected`;
 * no answer within `timeoutMs` = `gateway_timeout`; a network error = `gateway_unreachable`.
 */
export function createHttpSmsGateway(config: SmsGatewayConfig): {
  send(to: string, text: string): Promise<SmsSendResult>;
} {
  return {
    async send(to, text) {
      const headers: Record<string, string> = {};
      if (config.authorization !== undefined) headers.authorization = config.authorization;
      let body: string | undefined;
      if (config.method === 'POST' && config.bodyTemplate !== undefined) {
        body = fill(config.bodyTemplate, to, text, jsonEscape);
        headers['content-type'] = 'application/json';
      }
      const url = fill(config.urlTemplate, to, text, encodeURIComponent);
      try {
        const response = await fetch(url, {
          method: config.method,
          headers,
          body,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        return await outcomeOf(response);
      } catch (error) {
        return { ok: false, error: isTimeout(error) ? 'gateway_timeout' : 'gateway_unreachable' };
      }
    },
  };
}
