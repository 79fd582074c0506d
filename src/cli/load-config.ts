// Loads the configuration for a command, or explains every bad value and exits with status 2.
import { type Config, loadConfig } from '../config.js';

export function loadConfigOrExit(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  if (result.ok) return result.config;
  console.error(
    `mwallet: invalid configuration:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`,
  );
  process.exit(2);
}
