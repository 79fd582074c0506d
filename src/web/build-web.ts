// Builds the browser apps (web/<app>/main.tsx → dist/web/<app>/) with esbuild: minified bundles, CSS, static files, precompressed.
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Files an app may carry besides its bundle, copied as they are. */
const STATIC_FILES = ['index.html', 'manifest.webmanifest', 'sw.js', 'icon.svg'];

export interface WebBuildPaths {
  /** The directory holding one folder per app (and `shared/`). */
  sourceDir: string;
  outDir: string;
}

export const DEFAULT_WEB_PATHS: WebBuildPaths = {
  sourceDir: fileURLToPath(new URL('../../../web/', import.meta.url)),
  outDir: fileURLToPath(new URL('../../web/', import.meta.url)),
};

/** The apps: every folder of the source directory with a `main.tsx`. */
export async function listWebApps(sourceDir: string): Promise<string[]> {
  const entries = await readdir(sourceDir, { withFileTypes: true });
  const apps: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() && (await exists(join(sourceDir, entry.name, 'main.tsx')))) apps.push(entry.name);
  }
  return apps.sort();
}

export async function buildWebApps(paths: WebBuildPaths = DEFAULT_WEB_PATHS): Promise<string[]> {
  const apps = await listWebApps(paths.sourceDir);
  for (const app of apps) {
    const appOut = join(paths.outDir, app);
    await rm(appOut, { recursive: true, force: true });
    await build({
      entryPoints: { app: join(paths.sourceDir, app, 'main.tsx') },
      outdir: appOut,
      bundle: true,
      // Libraries only some screens need (charts, QR decoding) are loaded on first use, from their own chunk.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      minify: true,
      sourcemap: true,
      format: 'esm',
      target: ['es2022'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'linked',
      logLevel: 'warning',
    });
    for (const file of STATIC_FILES) {
      const from = join(paths.sourceDir, app, file);
      if (await exists(from)) await cp(from, join(appOut, file));
    }
    await precompress(appOut);
  }
  return apps;
}

/** Text files the server sends compressed when the browser accepts it (maps are for developers: left as they are). */
const COMPRESSIBLE = /\.(js|css|html|svg|webmanifest)$/;

/** Writes a .br and a .gz beside every compressible file, so the server never compresses on the fly. */
async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const content = await readFile(path);
    await writeFile(`${path}.br`, brotliCompressSync(content));
    await writeFile(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apps = await buildWebApps();
  process.stdout.write(`web apps built: ${apps.join(', ')}\n`);
}
