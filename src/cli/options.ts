// The options every `mwallet` command understands, read from commander's parsed values.
import type { Command } from 'commander';

export interface GlobalOptions {
  /** Print machine-readable JSON instead of text. */
  json: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return { json: command.optsWithGlobals().json === true };
}
