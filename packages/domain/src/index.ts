export * from './clock.js';
export * from './errors.js';
export * from './municipalities.js';
export * from './policy.js';
export * from './roles.js';
export * from './case/index.js';
export * from './time.js';
export * from './working-days.js';
