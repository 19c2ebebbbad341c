export { buildApp, type AppDeps } from './app.js';
export { resolveJwtKeys, type ResolvedJwtKeys } from './auth/keys.js';
export { signToken } from './auth/tokens.js';
export { loadConfig, loadToolConfig, ConfigError, type Config, type ToolConfig } from './config.js';
export { verifyCaseFromEvents } from './cases/use-cases.js';
export { createCase } from './cases/use-cases.js';
export { fireDueTimers as fireDueTimersForBench } from './timers/worker.js';
export { resolveMatchingKey } from './integrations/matching.js';
export { seedDemoData } from './demo/seed.js';
