// The platform's master secret: parsed from MWALLET_SECRET_KEY or kept in <dataDir>/secret.key; never printable.
import { hkdfSync, randomBytes } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';

const KEY_BYTES = 32;
const HEX_KEY = /^[0-9a-f]{64}$/i;

export const SECRET_KEY_FILE = 'secret.key';

/**
 * 32 secret bytes from which every purpose-specific key (PIN pepper, token signing, webhook
 * signing) is derived. JSON, `util.inspect` and string conversion print `[redacted]`, so a
 * secret that ends up in a log line or an error stays hidden.
 */
export class SecretKey {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** Parses 64 hexadecimal characters; `undefined` when the text is not such a key. */
  static fromHex(text: string): SecretKey | undefined {
    const hex = text.trim();
    return HEX_KEY.test(hex) ? new SecretKey(Buffer.from(hex, 'hex')) : undefined;
  }

  static generate(): SecretKey {
    return new SecretKey(randomBytes(KEY_BYTES));
  }

  /** A 32-byte key for one purpose (HKDF-SHA256); different purposes give unrelated keys. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#bytes, Buffer.alloc(0), purpose, KEY_BYTES));
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'SecretKey [redacted]';
  }

  /**
   * Writes the key as hex (mode 0600), durable, then links it into place in one step, so a
   * concurrent reader sees either no file or the whole key; fails with EEXIST if the file exists.
   */
  async writeNewFile(path: string): Promise<void> {
    const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(draft, 'wx', 0o600);
    try {
      await file.writeFile(`${this.#bytes.toString('hex')}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(draft, path);
    } finally {
      await unlink(draft);
    }
  }
}

export type SecretKeySource = 'env' | 'file' | 'generated';

export interface LoadedSecretKey {
  key: SecretKey;
  source: SecretKeySource;
  /** The key file, when the key did not come from the environment. */
  path?: string;
}

/**
 * The environment's key when given; otherwise the one in `<dataDir>/secret.key`, generated there
 * on first start. The data directory must exist.
 */
export async function loadSecretKey(
  dataDir: string,
  fromEnv: SecretKey | undefined,
): Promise<LoadedSecretKey> {
  if (fromEnv) return { key: fromEnv, source: 'env' };
  const path = join(dataDir, SECRET_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return { key: existing, source: 'file', path };
  const key = SecretKey.generate();
  try {
    await key.writeNewFile(path);
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    // Another process created it between our read and our write: use theirs.
    const theirs = await readKeyFile(path);
    if (theirs) return { key: theirs, source: 'file', path };
    throw error;
  }
  await syncDirectory(dataDir);
  return { key, source: 'generated', path };
}

async function readKeyFile(path: string): Promise<SecretKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
  const key = SecretKey.fromHex(text);
  if (!key) {
    throw new Error(
      `${path} does not hold a 64-character hexadecimal key. Restore it from a backup: ` +
        'data protected by the old key (PINs, tokens) cannot be used with a new one.',
    );
  }
  return key;
}

/** Makes a newly created directory entry durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
