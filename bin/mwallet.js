#!/usr/bin/env node
// Launcher of the `mwallet` command: runs the compiled CLI in dist/, or says how to build it.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  console.error(
    'mwallet: the CLI is not built yet (dist/src/cli/main.js is missing). Run `npm run build` first.',
  );
  process.exit(1);
}
await import(cli.href);
