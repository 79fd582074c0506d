// Browser tests' fixtures: the real server on a fresh SQLite file (demo data), and Debian's Chromium driven headless.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/observability/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';

/** Debian's package; `.ci/run` installs it when missing. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface BrowserWorld {
  server: RunningServer;
  browser: Browser;
  /** Where screenshots go (ignored by git). */
  screenshot(name: string): string;
  /** The server's settings (database, data directory): the `mwallet` command line run with them acts on its data. */
  env: Record<string, string>;
  /** The 6-digit code in the newest text the dev SMS outbox holds for a number (waiting for it to arrive). */
  lastSmsCode(phone: string): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserWorldOptions {
  /** More Chromium switches, chosen once the server runs (e.g. a fake camera showing a demo till's QR code). */
  chromiumArgs?: (server: RunningServer, dir: string) => Promise<string[]>;
}

export async function openBrowserWorld(
  env: Record<string, string> = {},
  options: BrowserWorldOptions = {},
): Promise<BrowserWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'mwallet-browser-'));
  // DATABASE_URL empty: a command line run with these settings must not follow the test runner's PostgreSQL.
  const serverEnv = { DATABASE_URL: '', MWALLET_DB: join(dir, 'mwallet.db'), MWALLET_DATA_DIR: dir, ...env };
  const loaded = loadConfig(serverEnv);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const server = await startServer({ ...loaded.config, port: 0 }, createLogger('silent'));
  const extraArgs = (await options.chromiumArgs?.(server, dir)) ?? [];
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...extraArgs,
      ],
    })
    .catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    server,
    browser,
    env: serverEnv,
    screenshot: (name) => join(ARTIFACTS, `${name}.png`),
    async lastSmsCode(phone) {
      // The outbox may still be sending the code while the page already asks for it: wait up to 5 s.
      for (let attempt = 0; ; attempt++) {
        const reply = await fetch(`${server.url}/dev/sms?phone=${encodeURIComponent(phone)}`);
        const { messages } = (await reply.json()) as { messages: { text: string }[] };
        const code = messages[0]?.text.match(/\d{6}/)?.[0];
        if (code) return code;
        if (attempt === 50)
          throw new Error(`no code in the last SMS to ${phone}: ${JSON.stringify(messages.slice(0, 3))}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
