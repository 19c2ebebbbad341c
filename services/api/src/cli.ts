/** For the process entry and the scripts: configuration, or one line on stderr and exit code 2. */
import { ConfigError, loadConfig, type Config } from './config.js';

export function configOrExit(env: Readonly<Record<string, string | undefined>>): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
