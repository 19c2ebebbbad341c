import type { AppDeps } from '../app-deps.js';
import type { CaseDeps } from '../cases/use-cases.js';

/** What the case use-cases need from the app's dependencies. */
export function caseDepsOf(deps: AppDeps): CaseDeps {
  return { db: deps.database.db, clock: deps.clock, region: deps.config.region, municipalities: deps.config.municipalities, matchingKey: deps.matchingKey };
}
