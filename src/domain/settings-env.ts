// Reads the wallet's business settings and the SMS adapter from the environment (part of loadConfig).
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js';
import { CURRENCY_CODES, type CurrencyCode, parsePositiveAmount } from '../money/index.js';
import { parseSmsGatewayConfig, type SmsGatewayConfig } from './notifications/sms-gateway.js';
import { parseMerchantFees } from './risk/merchant-fees.js';
import { parseTierOverrides } from './risk/tiers.js';
import {
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type MerchantSettings,
  type WalletSettings,
} from './settings.js';

export type SmsConfig = { kind: 'dev' } | { kind: 'http'; gateway: SmsGatewayConfig };

type Read = (name: string) => string | undefined;
type Integer = (name: string, fallback: number, min: number, max: number) => number;
/** A yes/no key (1/0, true/false, yes/no, on/off), or the fallback when unset. */
type Flag = (name: string, fallback: boolean) => boolean;

export function readWalletSettings(
  read: Read,
  { integer, flag }: { integer: Integer; flag: Flag },
  context: { timeZone: string; demo: boolean; host: string; port: number },
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
  const yuan = (name: string, fallback: bigint): bigint => {
    const text = read(name);
    if (text === undefined) return fallback;
    const parsed = parsePositiveAmount(text, currency);
    if (parsed.ok) return parsed.amount.value;
    errors.push(`${name} must be a positive amount such as 200.00 (got "${text}")`);
    return fallback;
  };
  const defaults = DEFAULT_SETTINGS.stepUp;
  return {
    ...DEFAULT_SETTINGS,
    currency: currency as CurrencyCode,
    defaultRegion: region as CountryCode,
    timeZone: context.timeZone,
    tiers,
    stepUp: {
      ...defaults,
      passwordFree: {
        enabled: passwordFree !== '0',
        perPayment: yuan('MWALLET_PASSWORD_FREE_PER_PAYMENT', defaults.passwordFree.perPayment),
        perDay: yuan('MWALLET_PASSWORD_FREE_PER_DAY', defaults.passwordFree.perDay),
      },
      otpAbove: yuan('MWALLET_OTP_ABOVE', defaults.otpAbove),
    },
    otp: {
      ...DEFAULT_SETTINGS.otp,
      minIntervalMs:
        integer('MWALLET_OTP_INTERVAL_SECONDS', DEFAULT_SETTINGS.otp.minIntervalMs / 1000, 1, 3600) * 1000,
    },
    pinMaxFailures: integer('MWALLET_PIN_MAX_FAILURES', DEFAULT_SETTINGS.pinMaxFailures, 1, 20),
    paymentsPerHour: integer('MWALLET_PAYMENTS_PER_HOUR', DEFAULT_SETTINGS.paymentsPerHour, 1, 1_000_000),
    devEndpoints: context.demo,
    merchants: readMerchantSettings(read, currency as CurrencyCode, context, errors),
    channels: readChannelSettings(read, integer, context.demo, errors),
    // Basic sends the secret on every call: fine for trying the API out, not for real money.
    gsma: { allowBasicAuth: flag('MWALLET_GSMA_ALLOW_BASIC', context.demo) },
  };
}

/** The demo's airtime merchant has this till code (see demo-merchants.ts). */
export const DEMO_AIRTIME_TILL = '80000000';

function readChannelSettings(read: Read, integer: Integer, demo: boolean, errors: string[]): ChannelSettings {
  const defaults = DEFAULT_SETTINGS.channels;
  const ussdServiceCode = read('MWALLET_USSD_CODE') ?? defaults.ussdServiceCode;
  if (!/^\*\d{1,6}(\*\d{1,6})*#$/.test(ussdServiceCode)) {
    errors.push(`MWALLET_USSD_CODE must look like *123# (got "${ussdServiceCode}")`);
  }
  const ussdSessionTtlMs =
    integer('MWALLET_USSD_TIMEOUT_SECONDS', defaults.ussdSessionTtlMs / 1000, 10, 3600) * 1000;
  const airtime = read('MWALLET_AIRTIME_TILL') ?? (demo ? DEMO_AIRTIME_TILL : undefined);
  if (airtime !== undefined && !/^\d{8}$/.test(airtime)) {
    errors.push(`MWALLET_AIRTIME_TILL must be an 8-digit till code (got "${airtime}")`);
  }
  const gatewayToken = read('MWALLET_GATEWAY_TOKEN') ?? null;
  if (gatewayToken !== null && !/^[A-Za-z0-9._~+/=-]{24,200}$/.test(gatewayToken)) {
    errors.push('MWALLET_GATEWAY_TOKEN must be 24–200 characters of A-Z a-z 0-9 . _ ~ + / = -');
  }
  return { ...defaults, ussdServiceCode, ussdSessionTtlMs, airtimeTillCode: airtime ?? null, gatewayToken };
}

function readMerchantSettings(
  read: Read,
  currency: CurrencyCode,
  context: { demo: boolean; host: string; port: number },
  errors: string[],
): MerchantSettings {
  const defaults = DEFAULT_SETTINGS.merchants;
  let fees = defaults.fees;
  const feeText = read('MWALLET_MDR');
  if (feeText !== undefined) {
    const parsed = parseMerchantFees(feeText, currency);
    if (parsed.ok) fees = parsed.table;
    else errors.push(`MWALLET_MDR: ${parsed.error}`);
  }
  const host = context.host.includes(':') ? `[${context.host}]` : context.host;
  let publicUrl =
    read('MWALLET_PUBLIC_URL') ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${context.port}`;
  if (!/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(publicUrl)) {
    errors.push(
      `MWALLET_PUBLIC_URL must be an http(s) URL such as https://pay.example.com (got "${publicUrl}")`,
    );
  }
  publicUrl = publicUrl.replace(/\/+$/, '');
  return { ...defaults, fees, publicUrl, allowPrivateWebhooks: context.demo };
}

/** The HTTP gateway when MWALLET_SMS_GATEWAY_URL is set, else the dev outbox. */
export function readSmsConfig(env: NodeJS.ProcessEnv, read: Read, errors: string[]): SmsConfig {
  if (read('MWALLET_SMS_GATEWAY_URL') === undefined) return { kind: 'dev' };
  const parsed = parseSmsGatewayConfig(env);
  if (parsed.ok) return { kind: 'http', gateway: parsed.config };
  errors.push(...parsed.errors);
  return { kind: 'dev' };
}
