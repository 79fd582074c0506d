// Runs an admin command against the configured databases: opens the runtime, runs, closes; a refusal exits 1.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createLogger } from '../observability/logger.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { loadConfigOrExit } from './load-config.js';
import { type GlobalOptions, globalOptions } from './options.js';

/** What an admin command reports: printed as JSON with --json, as text otherwise. */
export type AdminOutcome =
  | { ok: true; result: object; text: string }
  | { ok: false; error: string; text: string };

/** Who is acting, for the audit log: the operating-system user running the CLI. */
export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

export async function runAdmin(
  command: Command,
  work: (runtime: Runtime, options: GlobalOptions) => Promise<AdminOutcome>,
) {
  const options = globalOptions(command);
  const config = loadConfigOrExit(process.env);
  const runtime = await openRuntime(
    config,
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'stderr'),
  );
  let outcome: AdminOutcome;
  try {
    outcome = await work(runtime, options);
  } finally {
    await runtime.close();
  }
  if (outcome.ok) {
    console.log(options.json ? JSON.stringify(outcome.result) : outcome.text);
    return;
  }
  console.error(
    options.json
      ? JSON.stringify({ error: outcome.error, message: outcome.text })
      : `mwallet: ${outcome.text}`,
  );
  process.exitCode = 1;
}
