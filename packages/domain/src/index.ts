export * from './clock.js';
export * from './errors.js';
export * from './policy.js';
export * from './roles.js';
