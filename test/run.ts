// The `npm test` runner: provides PostgreSQL, runs every compiled *.test.js in parallel, ends with "N passed, N failed".
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { run, type TestsStream } from 'node:test';
import { spec } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';
import {
  findPostgresBinDir,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from './support/throwaway-postgres.js';

const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = join(distDir, '..');

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  todo: number;
}

/** Every *.test.js under dist/src and dist/test whose .ts source still exists and whose path matches a filter. */
function collectTestFiles(filters: string[]): { files: string[]; stale: string[] } {
  const compiled = ['src', 'test'].flatMap((top) => listTestFiles(join(distDir, top)));
  const stale = compiled.filter((file) => !hasSource(file));
  const files = compiled.filter((file) => hasSource(file) && matchesAny(file, filters));
  return { files: files.sort(), stale };
}

function listTestFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const entries = readdirSync(dir, { withFileTypes: true });
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTestFiles(path);
    return entry.isFile() && entry.name.endsWith('.test.js') ? [path] : [];
  });
}

/** tsc never deletes outputs: a compiled test whose source is gone must not run. */
function hasSource(compiledFile: string): boolean {
  return existsSync(join(rootDir, relative(distDir, compiledFile)).replace(/\.js$/, '.ts'));
}

function matchesAny(file: string, filters: string[]): boolean {
  if (filters.length === 0) return true;
  const fromDist = relative(distDir, file).split(sep).join('/');
  const paths = [fromDist, `dist/${fromDist}`];
  return filters.some((filter) => paths.some((path) => path.includes(normalizeFilter(filter))));
}

function normalizeFilter(filter: string): string {
  return filter.split(sep).join('/').replace(/^\.\//, '').replace(/\.ts$/, '.js');
}

/** DATABASE_URL if set; otherwise a throwaway cluster that the caller must stop. Throws if neither is possible. */
async function providePostgres(): Promise<ThrowawayPostgres | undefined> {
  if (process.env.DATABASE_URL) {
    console.log(`PostgreSQL: DATABASE_URL (${redact(process.env.DATABASE_URL)})`);
    const binDir = findPostgresBinDir();
    if (binDir && !process.env.MWALLET_TEST_PG_BINDIR) process.env.MWALLET_TEST_PG_BINDIR = binDir;
    return undefined;
  }
  const startedAt = performance.now();
  const server = await startThrowawayPostgres();
  process.env.DATABASE_URL = server.url;
  process.env.MWALLET_TEST_PG_BINDIR = server.binDir;
  const ms = Math.round(performance.now() - startedAt);
  console.log(`PostgreSQL: throwaway cluster at ${server.url} (${server.binDir}, ready in ${ms} ms)`);
  return server;
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function tally(stream: TestsStream): Tally {
  const counts: Tally = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  stream.on('test:pass', (event) => {
    if (event.todo !== undefined) counts.todo++;
    else if (event.skip !== undefined) counts.skipped++;
    else if (event.details.type !== 'suite' && event.name !== event.file) counts.passed++;
  });
  stream.on('test:fail', (event) => {
    // A parent failing only because a subtest failed is already counted through that subtest.
    const failureType: unknown = Reflect.get(event.details.error, 'failureType');
    if (event.todo !== undefined) counts.todo++;
    else if (failureType !== 'subtestsFailed') counts.failed++;
  });
  return counts;
}

async function runTests(files: string[], signal: AbortSignal): Promise<Tally> {
  const concurrency = Math.max(2, availableParallelism());
  const stream = run({ files, concurrency, signal });
  const counts = tally(stream);
  for await (const chunk of stream.compose(new spec())) process.stdout.write(chunk);
  return counts;
}

/** First Ctrl-C / SIGTERM cancels the run (the summary still prints); a second one exits at once. */
function cancelOnSignals(controller: AbortController): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    console.error(`\n${signal}: cancelling the test run…`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<number> {
  const { files, stale } = collectTestFiles(process.argv.slice(2));
  if (stale.length > 0)
    console.log(`Skipping ${stale.length} compiled test file(s) whose .ts source is gone.`);
  if (files.length === 0) {
    console.error(
      `No test files found${process.argv.length > 2 ? ` matching ${process.argv.slice(2).join(' ')}` : ''}.`,
    );
    console.log('0 passed, 0 failed');
    return 1;
  }
  const server = await providePostgres().catch((error: unknown) => {
    console.error('The PostgreSQL suite is mandatory, and no PostgreSQL server could be provided:');
    console.error(error instanceof Error ? error.message : error);
    return null;
  });
  if (server === null) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  const controller = new AbortController();
  cancelOnSignals(controller);
  try {
    console.log(`Running ${files.length} test file(s)…\n`);
    const counts = await runTests(files, controller.signal);
    if (counts.skipped + counts.todo > 0) console.log(`${counts.skipped} skipped, ${counts.todo} todo`);
    console.log(`${counts.passed} passed, ${counts.failed} failed`);
    return counts.failed > 0 || counts.passed === 0 || controller.signal.aborted ? 1 : 0;
  } finally {
    await server?.stop();
  }
}

process.exitCode = await main();
