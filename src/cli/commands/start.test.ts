// Runs `npm start`'s entry as a real process: URLs printed, requests served, exit 0 on SIGTERM, 2 on bad config.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../test/support/free-port.js';

const MAIN = fileURLToPath(new URL('../../main.js', import.meta.url));

function run(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: 'pipe' });
}

async function outputUntil(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    if (pattern.test(output)) return output;
  }
  throw new Error(`the process ended without printing ${pattern}:\n${output}`);
}

describe('mwallet start', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mwallet-start-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its URLs, serves requests and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      MWALLET_DB: join(dir, 'mwallet.db'),
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    };
    const child = run(env);
    const exited = once(child, 'exit');
    const output = await outputUntil(child, /Press Ctrl\+C/);
    assert.match(output, new RegExp(`API docs: http://127\\.0\\.0\\.1:${port}/docs`));
    assert.match(output, /Demo customers[^\n]*\n {2}\+8613800000001 {2}PIN 147258/);
    assert.match(
      output,
      /Demo console staff[^\n]*\n {2}admin {2}password demo-admin-pass {2}TOTP secret [A-Z2-7]{32}/,
    );
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    child.kill('SIGTERM');
    assert.deepEqual(await exited, [0, null]);
  });

  it('explains a bad configuration and exits 2', async () => {
    const child = run({ PORT: 'eighty' });
    let errors = '';
    child.stderr?.on('data', (chunk) => {
      errors += String(chunk);
    });
    assert.deepEqual(await once(child, 'exit'), [2, null]);
    assert.match(errors, /PORT must be a whole number from 1 to 65535 \(got "eighty"\)/);
  });
});
