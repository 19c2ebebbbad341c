export * from './decide.js';
export * from './events.js';
export { caseMachine, openedContext } from './machine.js';
export { currentPlan, currentWindow, latestScore, openAgreements, REQUIREMENTS, type Refusal, type RequirementName } from './requirements.js';
export * from './statechart.js';
export * from './summary.js';
export * from './timeline.js';
export * from './types.js';
export { caseErrors } from './errors.js';
