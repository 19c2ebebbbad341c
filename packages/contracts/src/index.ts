export * from './auth.js';
export * from './common.js';
export * from './paging.js';
export * from './problem.js';
export * from './cases.js';
export * from './escalations.js';
export * from './messages.js';
export * from './reports.js';
