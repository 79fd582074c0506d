// Runs the `mwallet` command line as a real process and collects its exit status and output; a sandbox per suite.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function mwallet(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Ran> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/**
 * A fresh SQLite file (without demo data) for the commands of one `describe`: `json` runs a command that must succeed
 * and answers its JSON; `refusal` runs one that must fail (exit status 1) and answers its error code.
 */
export function cliSandbox(prefix: string) {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    env = { MWALLET_DB: join(dir, 'mwallet.db'), DATABASE_URL: '', LOG_LEVEL: 'warn', MWALLET_DEMO: '0' };
  });
  after(() => rm(dir, { recursive: true, force: true }));
  return {
    async json(...args: string[]) {
      const ran = await mwallet(env, '--json', ...args);
      assert.equal(ran.code, 0, ran.stderr);
      return JSON.parse(ran.stdout);
    },
    async refusal(...args: string[]) {
      const ran = await mwallet(env, '--json', ...args);
      assert.equal(ran.code, 1, ran.stdout);
      return JSON.parse(ran.stderr).error as string;
    },
  };
}
