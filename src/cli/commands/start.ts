// `mwallet start` (also `npm start`): starts the platform, prints its URLs, stops gracefully on a signal.
import { Command } from 'commander';
import { describeStorage } from '../../config.js';
import type { DemoData } from '../../domain/demo.js';
import { createLogger } from '../../observability/logger.js';
import { startServer } from '../../server.js';
import { loadConfigOrExit } from '../load-config.js';
import { type GlobalOptions, globalOptions } from '../options.js';
import { printResult } from '../output.js';
import { stopOnSignals } from '../shutdown.js';

export function startCommand(): Command {
  return new Command('start')
    .description(
      'start the HTTP server (config from the environment: PORT, HOST, MWALLET_DB, DATABASE_URL...)',
    )
    .action(async (_options: object, command: Command) => runStart(globalOptions(command)));
}

export async function runStart(options: GlobalOptions): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'mwallet could not start');
    process.exit(1);
  });
  stopOnSignals(server.close, logger);
  const urls = serverUrls(server.url);
  const storage = { kind: config.storage.kind, location: describeStorage(config.storage) };
  printResult(
    options,
    { ...urls, storage, demo: server.demo },
    [
      `mwallet is running (${storage.kind}: ${storage.location})`,
      `  App:      ${urls.app}`,
      `  API docs: ${urls.docs}`,
      `  OpenAPI:  ${urls.openapi}`,
      `  Health:   ${urls.healthz}  ${urls.readyz}`,
      `  Metrics:  ${urls.metrics}`,
      ...demoLines(server.demo, urls.app),
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

function demoLines(demo: DemoData, app: string): string[] {
  if (demo.customers.length === 0) return [];
  return [
    `Demo customers (a first login from a device asks for an SMS code: read it at ${app}dev/sms):`,
    ...demo.customers.map((c) => `  ${c.phone}  PIN ${c.pin}  ${c.name}  balance ${c.balance}`),
    'Demo merchants (pay them by till code; an owner logs in to /merchant/ with an SMS code):',
    ...demo.merchants.map(
      (m) => `  till ${m.tillCode}  ${m.name}${m.ownerPhone ? `  owner ${m.ownerPhone}` : ''}`,
    ),
    `Demo console staff (${app}console/; add the TOTP secret to an authenticator app):`,
    ...demo.staff.map(
      (s) => `  ${s.username}  password ${s.password}  TOTP secret ${s.totpSecret}  (${s.roles.join(', ')})`,
    ),
  ];
}

function serverUrls(origin: string) {
  return {
    app: `${origin}/`,
    docs: `${origin}/docs`,
    openapi: `${origin}/openapi.json`,
    healthz: `${origin}/healthz`,
    readyz: `${origin}/readyz`,
    metrics: `${origin}/metrics`,
  };
}
