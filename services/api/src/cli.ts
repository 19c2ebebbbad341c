/** For the process entry and the scripts: configuration, or one line on stderr and exit code 2. */
import { ConfigError, loadConfig, loadToolConfig, type Config, type ToolConfig } from './config.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** A configuration error ends the process: its one-line message on stderr, exit code 2. Anything else is left to the caller. */
function exitOnConfigError(error: unknown): void {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
}

export function configOrExit(env: Environment): Config {
  return orExit(() => loadConfig(env));
}

/** The operations scripts' settings only (pnpm db:migrate, pnpm audit:verify). */
export function toolConfigOrExit(env: Environment): ToolConfig {
  return orExit(() => loadToolConfig(env));
}

/** Configuration resolved later (keys read from DATA_DIR): a ConfigError also ends the process with code 2. */
export async function resolvedOrExit<T>(resolving: Promise<T>): Promise<T> {
  try {
    return await resolving;
  } catch (error) {
    exitOnConfigError(error);
    throw error;
  }
}
