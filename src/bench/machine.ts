// Describes the machine a benchmark ran on: cores, memory, and the measured latency of a durable write (fsync).
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineFacts {
  cores: number;
  cpu: string;
  memory_gib: number;
  /** Median time of a 4 KiB write followed by fsync, in milliseconds, in `dir`. */
  fsync_ms: number;
  node: string;
}

export function measureFsyncMs(dir = tmpdir(), samples = 200): number {
  const work = mkdtempSync(join(dir, 'mwallet-fsync-'));
  const fd = openSync(join(work, 'probe'), 'w');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      writeSync(fd, block, 0, block.length, (i % 64) * 4096);
      fsyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(work, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  return Number((times[Math.floor(times.length / 2)] ?? 0).toFixed(3));
}

export function machineFacts(dir?: string): MachineFacts {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(totalmem() / 2 ** 30),
    fsync_ms: measureFsyncMs(dir),
    node: process.version,
  };
}
