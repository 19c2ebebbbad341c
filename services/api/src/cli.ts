/** For the process entry and the scripts: configuration, or one line on stderr and exit code 2. */
import { ConfigError, loadConfig, loadToolConfig, type Config, type ToolConfig } from './config.js';

type Environment = Readonly<Record<string, string | undefined>>;

function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

export function configOrExit(env: Environment): Config {
  return orExit(() => loadConfig(env));
}

/** Configuration resolved later (keys read from DATA_DIR): a ConfigError also ends the process with code 2. */
export async function resolvedOrExit<T>(resolving: Promise<T>): Promise<T> {
  try {
    return await resolving;
  } catch (error) {
    return orExit(() => {
      throw error;
    });
  }
}

/** The operations scripts' settings only (pnpm db:migrate, pnpm audit:verify). */
export function toolConfigOrExit(env: Environment): ToolConfig {
  return orExit(() => loadToolConfig(env));
}
