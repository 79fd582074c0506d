// Prints a command's result: one JSON document with --json, readable text otherwise.
import type { GlobalOptions } from './options.js';

export function printResult(options: GlobalOptions, result: object, text: string): void {
  console.log(options.json ? JSON.stringify(result) : text);
}
