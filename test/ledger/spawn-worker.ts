// Starts ledger-worker processes and collects the transfer ids they acknowledged.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerOrders } from './ledger-worker.js';

const WORKER = fileURLToPath(new URL('./ledger-worker.js', import.meta.url));

export interface RunningWorker {
  child: ChildProcess;
  /** Ids whose acknowledgement reached us so far. */
  acknowledged: bigint[];
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; done: boolean }>;
}

export function spawnWorker(orders: WorkerOrders): RunningWorker {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(orders)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acknowledged: bigint[] = [];
  let buffered = '';
  let stderr = '';
  let done = false;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'DONE') done = true;
      else if (line.startsWith('A ') && line.length > 2)
        for (const id of line.slice(2).split(',')) acknowledged.push(BigInt(id));
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    done: boolean;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr, done })));
  return { child, acknowledged, exited };
}
