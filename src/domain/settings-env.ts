// Reads the wallet's business settings and the SMS adapter from the environment (part of loadConfig).
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js';
import { CURRENCY_CODES, type CurrencyCode } from '../money/index.js';
import { parseSmsGatewayConfig, type SmsGatewayConfig } from './notifications/sms-gateway.js';
import { parseTierOverrides } from './risk/tiers.js';
import { DEFAULT_SETTINGS, type WalletSettings } from './settings.js';

export type SmsConfig = { kind: 'dev' } | { kind: 'http'; gateway: SmsGatewayConfig };

type Read = (name: string) => string | undefined;
type Integer = (name: string, fallback: number, min: number, max: number) => number;

export function readWalletSettings(
  read: Read,
  integer: Integer,
  context: { timeZone: string; demo: boolean },
  errors: string[],
): WalletSettings {
  const region = read('MWALLET_REGION') ?? DEFAULT_SETTINGS.defaultRegion;
  if (!isSupportedCountry(region))
    errors.push(`MWALLET_REGION must be a two-letter region such as CN or KE (got "${region}")`);
  const currency = read('MWALLET_CURRENCY') ?? DEFAULT_SETTINGS.currency;
  if (!(CURRENCY_CODES as readonly string[]).includes(currency)) {
    errors.push(`MWALLET_CURRENCY must be one of ${CURRENCY_CODES.join(', ')} (got "${currency}")`);
  }
  let tiers = DEFAULT_SETTINGS.tiers;
  const tierText = read('MWALLET_TIERS');
  if (tierText !== undefined) {
    const parsed = parseTierOverrides(tierText);
    if (parsed.ok) tiers = parsed.tiers;
    else errors.push(`MWALLET_TIERS: ${parsed.error}`);
  }
  const passwordFree = read('MWALLET_PASSWORD_FREE');
  return {
    ...DEFAULT_SETTINGS,
    currency: currency as CurrencyCode,
    defaultRegion: region as CountryCode,
    timeZone: context.timeZone,
    tiers,
    stepUp: {
      ...DEFAULT_SETTINGS.stepUp,
      passwordFree: { ...DEFAULT_SETTINGS.stepUp.passwordFree, enabled: passwordFree !== '0' },
    },
    pinMaxFailures: integer('MWALLET_PIN_MAX_FAILURES', DEFAULT_SETTINGS.pinMaxFailures, 1, 20),
    paymentsPerHour: integer('MWALLET_PAYMENTS_PER_HOUR', DEFAULT_SETTINGS.paymentsPerHour, 1, 1_000_000),
    devEndpoints: context.demo,
  };
}

/** The HTTP gateway when MWALLET_SMS_GATEWAY_URL is set, else the dev outbox. */
export function readSmsConfig(env: NodeJS.ProcessEnv, read: Read, errors: string[]): SmsConfig {
  if (read('MWALLET_SMS_GATEWAY_URL') === undefined) return { kind: 'dev' };
  const parsed = parseSmsGatewayConfig(env);
  if (parsed.ok) return { kind: 'http', gateway: parsed.config };
  errors.push(...parsed.errors);
  return { kind: 'dev' };
}
