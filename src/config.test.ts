// Unit tests of loadConfig: defaults, each key's parsing and the error messages for bad values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Config, describeStorage, loadConfig } from './config.js';
import { DEFAULT_SETTINGS } from './domain/settings.js';

function valid(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  assert.ok(result.ok, `expected a valid config, got ${result.ok ? '' : result.errors.join('; ')}`);
  return result.config;
}

function errorsOf(env: NodeJS.ProcessEnv): string[] {
  const result = loadConfig(env);
  assert.ok(!result.ok, 'expected the config to be rejected');
  return result.errors;
}

const KEY_HEX = 'ab'.repeat(32);

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    assert.deepEqual(valid({}), {
      port: 8080,
      host: '127.0.0.1',
      storage: { kind: 'sqlite', path: './data/mwallet.db' },
      demo: true,
      logLevel: 'info',
      timeZone: 'Asia/Shanghai',
      dataDir: './data',
      secretKey: undefined,
      ledger: { maxBatch: 8190, maxQueue: 100_000 },
      wallet: {
        ...DEFAULT_SETTINGS,
        devEndpoints: true,
        merchants: {
          ...DEFAULT_SETTINGS.merchants,
          allowPrivateWebhooks: true,
          publicUrl: 'http://127.0.0.1:8080',
        },
        channels: { ...DEFAULT_SETTINGS.channels, airtimeTillCode: '80000000' },
        gsma: { allowBasicAuth: true },
      },
      sms: { kind: 'dev' },
      rateLimitPerMinute: 600,
      benchEcho: false,
    });
  });

  it('reads the wallet settings: region, currency, tiers, PIN failures, velocity, password-free, rate limit', () => {
    const config = valid({
      MWALLET_REGION: 'KE',
      MWALLET_CURRENCY: 'KES',
      MWALLET_TIERS: '{"class_1":{"perDay":"500.00","perTransaction":"200.00"}}',
      MWALLET_PIN_MAX_FAILURES: '3',
      MWALLET_PAYMENTS_PER_HOUR: '100',
      MWALLET_PASSWORD_FREE: '0',
      MWALLET_PASSWORD_FREE_PER_PAYMENT: '100.00',
      MWALLET_PASSWORD_FREE_PER_DAY: '500',
      MWALLET_OTP_ABOVE: '5000.00',
      MWALLET_OTP_INTERVAL_SECONDS: '5',
      MWALLET_RATE_LIMIT: '0',
      MWALLET_DEMO: '0',
    });
    assert.equal(config.wallet.defaultRegion, 'KE');
    assert.equal(config.wallet.currency, 'KES');
    assert.equal(config.wallet.tiers.class_1.perDay, 50_000n);
    assert.equal(config.wallet.tiers.class_1.perTransaction, 20_000n);
    assert.deepEqual(config.wallet.tiers.class_2, DEFAULT_SETTINGS.tiers.class_2);
    assert.equal(config.wallet.pinMaxFailures, 3);
    assert.equal(config.wallet.paymentsPerHour, 100);
    assert.equal(config.wallet.stepUp.passwordFree.enabled, false);
    assert.equal(config.wallet.stepUp.passwordFree.perPayment, 10_000n);
    assert.equal(config.wallet.stepUp.passwordFree.perDay, 50_000n);
    assert.equal(config.wallet.stepUp.otpAbove, 500_000n);
    assert.equal(config.wallet.otp.minIntervalMs, 5_000);
    assert.equal(config.wallet.devEndpoints, false);
    assert.equal(config.rateLimitPerMinute, 0);
  });

  it('refuses bad wallet settings, naming each', () => {
    const errors = errorsOf({
      MWALLET_REGION: 'XX',
      MWALLET_CURRENCY: 'BTC',
      MWALLET_TIERS: '{"class_9":{}}',
      MWALLET_PIN_MAX_FAILURES: '0',
      MWALLET_OTP_ABOVE: '-5',
      MWALLET_OTP_INTERVAL_SECONDS: '0',
    });
    assert.equal(errors.length, 6, errors.join('\n'));
    for (const name of [
      'MWALLET_REGION',
      'MWALLET_CURRENCY',
      'MWALLET_TIERS',
      'MWALLET_PIN_MAX_FAILURES',
      'MWALLET_OTP_ABOVE',
      'MWALLET_OTP_INTERVAL_SECONDS',
    ]) {
      assert.ok(
        errors.some((e) => e.includes(name)),
        name,
      );
    }
  });

  it('reads the feature-phone channel settings and refuses bad ones, naming each', () => {
    const config = valid({ MWALLET_USSD_CODE: '*384*7#', MWALLET_USSD_TIMEOUT_SECONDS: '60' });
    assert.equal(config.wallet.channels.ussdServiceCode, '*384*7#');
    assert.equal(config.wallet.channels.ussdSessionTtlMs, 60_000);
    assert.equal(valid({}).wallet.channels.ussdSessionTtlMs, 180_000);
    const errors = errorsOf({ MWALLET_USSD_CODE: '123', MWALLET_USSD_TIMEOUT_SECONDS: '5' });
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('MWALLET_USSD_CODE')));
    assert.ok(errors.some((e) => e.includes('MWALLET_USSD_TIMEOUT_SECONDS')));
  });

  it('sends SMS through the HTTP gateway when its URL is set, and checks its settings', () => {
    const config = valid({ MWALLET_SMS_GATEWAY_URL: 'https://sms.example.com/send?to={to}&text={text}' });
    assert.equal(config.sms.kind, 'http');
    assert.ok(errorsOf({ MWALLET_SMS_GATEWAY_URL: 'ftp://sms.example.com/{to}' }).length > 0);
  });

  it('treats empty and blank values as unset', () => {
    assert.deepEqual(valid({ PORT: '', HOST: '  ', DATABASE_URL: '', LOG_LEVEL: '' }), valid({}));
  });

  it('reads every key', () => {
    const config = valid({
      PORT: '9000',
      HOST: '0.0.0.0',
      MWALLET_DB: '/var/lib/mwallet/ledger.db',
      MWALLET_DEMO: '0',
      LOG_LEVEL: 'DEBUG',
      MWALLET_TZ: 'Africa/Nairobi',
      MWALLET_LEDGER_MAX_BATCH: '100',
      MWALLET_LEDGER_MAX_QUEUE: '1000',
    });
    assert.equal(config.port, 9000);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.storage, { kind: 'sqlite', path: '/var/lib/mwallet/ledger.db' });
    assert.equal(config.demo, false);
    assert.equal(config.logLevel, 'debug');
    assert.equal(config.timeZone, 'Africa/Nairobi');
    assert.deepEqual(config.ledger, { maxBatch: 100, maxQueue: 1000 });
  });

  it('puts the data directory beside the SQLite file unless MWALLET_DATA_DIR says otherwise', () => {
    assert.equal(valid({ MWALLET_DB: '/srv/db/m.db' }).dataDir, '/srv/db');
    assert.equal(valid({ MWALLET_DB: ':memory:' }).dataDir, './data');
    assert.equal(
      valid({ MWALLET_DB: '/srv/db/m.db', MWALLET_DATA_DIR: '/etc/mwallet' }).dataDir,
      '/etc/mwallet',
    );
  });

  it('switches to PostgreSQL for a postgres:// or postgresql:// DATABASE_URL', () => {
    for (const url of ['postgres://u:p@db:5432/mwallet', 'postgresql://db/mwallet']) {
      const config = valid({ DATABASE_URL: url, MWALLET_DB: '/ignored/m.db' });
      assert.deepEqual(config.storage, { kind: 'postgres', url });
      assert.equal(config.dataDir, './data');
    }
  });

  it('rejects other DATABASE_URLs without echoing them (they may hold a password)', () => {
    for (const url of ['mysql://u:hunter2@db/x', 'not a url', 'postgres://']) {
      assert.deepEqual(errorsOf({ DATABASE_URL: url }), [
        'DATABASE_URL must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db',
      ]);
    }
  });

  it('rejects ports outside 1-65535 and non-numbers', () => {
    for (const port of ['0', '65536', '80.5', '-1', 'http', '1e3']) {
      assert.deepEqual(errorsOf({ PORT: port }), [
        `PORT must be a whole number from 1 to 65535 (got "${port}")`,
      ]);
    }
    assert.equal(valid({ PORT: '65535' }).port, 65535);
  });

  it('accepts the usual boolean words for MWALLET_DEMO and rejects others', () => {
    assert.equal(valid({ MWALLET_DEMO: 'false' }).demo, false);
    assert.equal(valid({ MWALLET_DEMO: '1' }).demo, true);
    assert.match(errorsOf({ MWALLET_DEMO: 'maybe' })[0] ?? '', /MWALLET_DEMO must be 1 or 0 .*"maybe"/);
  });

  it('accepts GSMA HTTP Basic in demo mode only, unless MWALLET_GSMA_ALLOW_BASIC says otherwise', () => {
    const allowed = (env: NodeJS.ProcessEnv) => valid(env).wallet.gsma.allowBasicAuth;
    assert.equal(allowed({}), true);
    assert.equal(allowed({ MWALLET_DEMO: '0' }), false);
    assert.equal(allowed({ MWALLET_DEMO: '0', MWALLET_GSMA_ALLOW_BASIC: 'yes' }), true);
    assert.equal(allowed({ MWALLET_GSMA_ALLOW_BASIC: '0' }), false);
    assert.match(
      errorsOf({ MWALLET_GSMA_ALLOW_BASIC: 'dev' })[0] ?? '',
      /MWALLET_GSMA_ALLOW_BASIC must be 1 or 0 .*"dev"/,
    );
  });

  it('rejects unknown log levels, listing the valid ones', () => {
    assert.deepEqual(errorsOf({ LOG_LEVEL: 'verbose' }), [
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ]);
  });

  it('validates MWALLET_TZ with Intl', () => {
    assert.equal(valid({ MWALLET_TZ: 'UTC' }).timeZone, 'UTC');
    assert.match(errorsOf({ MWALLET_TZ: 'Mars/Olympus' })[0] ?? '', /MWALLET_TZ must be an IANA time zone/);
  });

  it('checks the ledger tuning values and that the queue holds at least one batch', () => {
    assert.match(errorsOf({ MWALLET_LEDGER_MAX_BATCH: '0' })[0] ?? '', /MWALLET_LEDGER_MAX_BATCH must be/);
    assert.deepEqual(errorsOf({ MWALLET_LEDGER_MAX_BATCH: '500', MWALLET_LEDGER_MAX_QUEUE: '100' }), [
      'MWALLET_LEDGER_MAX_QUEUE (100) must be at least MWALLET_LEDGER_MAX_BATCH (500)',
    ]);
  });

  it('parses MWALLET_SECRET_KEY and rejects malformed keys without echoing them', () => {
    const key = valid({ MWALLET_SECRET_KEY: KEY_HEX }).secretKey;
    assert.ok(key);
    assert.equal(JSON.stringify({ key }), '{"key":"[redacted]"}');
    const errors = errorsOf({ MWALLET_SECRET_KEY: 'short-secret' });
    assert.match(errors[0] ?? '', /MWALLET_SECRET_KEY must be 64 hexadecimal characters/);
    assert.ok(!errors[0]?.includes('short-secret'));
  });

  it('reports every problem at once', () => {
    assert.equal(errorsOf({ PORT: 'x', LOG_LEVEL: 'x', MWALLET_TZ: 'x', MWALLET_DEMO: 'x' }).length, 4);
  });
});

describe('describeStorage', () => {
  it('prints the SQLite path', () => {
    assert.equal(describeStorage({ kind: 'sqlite', path: './data/mwallet.db' }), './data/mwallet.db');
  });

  it('hides the PostgreSQL password and parameters', () => {
    const url = 'postgres://app:s3cret@db.internal:5432/mwallet?sslmode=require&password=x';
    assert.equal(describeStorage({ kind: 'postgres', url }), 'postgres://app@db.internal:5432/mwallet');
  });
});
