export * from './client.js';
export * from './embedded.js';
export * from './migrate.js';
export * as schema from './schema.js';
export * from './secrets.js';
export * from './repositories/policies.js';
export * from './repositories/cases.js';
export * from './repositories/escalations.js';
export * from './repositories/timers.js';
