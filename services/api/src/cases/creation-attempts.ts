/**
 * Security finding 6: the existence oracle. 1 gezin, 1 plan needs a case
 * manager who opens a case to learn that the household already has one, so
 * that cannot be hidden; what the service does instead:
 * - the answer (409 `casus.huishouden-heeft-al-casus`) says only that the
 *   household has a case in this municipality and what to do: the same body
 *   whichever member matched and however many cases did;
 * - the attempt is recorded on every matched case in its own transaction
 *   (the creation's was rolled back): an access-log row per case, and for
 *   the cases the caller is not entitled to see, a signal to the regisseur
 *   (its werkvoorraad and timeline show it; it follows the case on handover)
 *   and webhook events `casus.aanmaakpoging` and `werkvoorraad.item`,
 *   naming who tried and nothing of what they typed;
 * - a caller learns of at most `perDay` distinct cases per local day
 *   (counted in the database, so restarts and other instances do not reset
 *   it; the same household again is not counted, signalled or webhooked
 *   twice, so a retry or a routine second try costs nothing). Once at the
 *   limit, every creation of theirs is refused with 429 until midnight
 *   before any household is looked up, so a match and a miss do the same
 *   work and take the same time (the attacker review measured 22 against
 *   12 ms when the lookup still ran); the municipality's beheerder gets a
 *   signal once a day.
 * Callers who may already see the matched case (its regisseur or network,
 * the municipality's beheerder, a following system) learn nothing new: their
 * attempts are logged but neither signalled nor counted. Callers of another
 * municipality match nothing: matching runs only in the municipality the
 * case is opened in, which must be the caller's (prepareCase).
 */
import { randomUUID } from 'node:crypto';
import {
  casesToldToday,
  findCase,
  hasRoleSignalSince,
  insertCreationAttempt,
  lockCreationAttempts,
  type CaseRow,
  type Transaction,
} from '@veilig-samen/db';
import { addDays, caseErrors, localDate, startOfLocalDate, type Caller, type DomainError } from '@veilig-samen/domain';
import { recordSignals } from '../projections/werkvoorraad.js';
import { accessTo } from './access.js';
import { actorOf, prepareCase, tryCreateCase, type CaseDeps, type CreateCaseInput, type HouseholdMatch } from './use-cases.js';

export interface CreationGuard {
  /** "Household has a case" answers per caller per local day (config CREATION_MATCHES_PER_DAY). */
  readonly perDay: number;
  readonly requestId: string;
  /** Appends the access-log rows of the attempt, one per matched case, in the attempt's transaction. */
  readonly audit: (tx: Transaction, matches: readonly HouseholdMatch[], status: number) => Promise<void>;
  /** After the attempt has committed: the refusal about to be answered (its access-log rows, if any, are committed with it). */
  readonly refused: (error: DomainError) => void;
}

/** Opens a case for a caller of the API, answering and recording an attempt for a household that has one. */
export async function createCaseForCaller(
  deps: CaseDeps,
  caller: Caller,
  input: CreateCaseInput,
  guard: CreationGuard,
  afterInsert?: (tx: Transaction, row: CaseRow) => Promise<void>,
): Promise<CaseRow> {
  const prepared = prepareCase(deps, caller, input);
  // At the limit nothing is created today and nothing is looked up: the same work whether the household has a case or not.
  if ((await casesToldToday(deps.db, caller.sub, localDate(prepared.now))).size >= guard.perDay) {
    return recordAttempt(deps, caller, input.gemeente, [], guard, { atLimit: true });
  }
  const outcome = await tryCreateCase(deps, caller, prepared, afterInsert);
  if ('row' in outcome) return outcome.row;
  return recordAttempt(deps, caller, input.gemeente, outcome.matches, guard, { atLimit: false });
}

/** Seconds from now to the next local midnight, when the day's count starts again. */
function secondsToMidnight(now: Date): number {
  const midnight = startOfLocalDate(localDate(addDays(startOfLocalDate(localDate(now)), 1)));
  return Math.max(1, Math.ceil((midnight.getTime() - now.getTime()) / 1000));
}

/**
 * Records the attempt in a transaction of its own, then throws the answer:
 * 409 while the caller is under the day's limit, 429 from then on. Under a
 * lock on the caller, so attempts at once cannot both pass the limit.
 */
async function recordAttempt(
  deps: CaseDeps,
  caller: Caller,
  municipality: string,
  matches: readonly HouseholdMatch[],
  guard: CreationGuard,
  options: { readonly atLimit: boolean },
): Promise<never> {
  const error = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const day = localDate(now);
    await lockCreationAttempts(tx, caller.sub);
    const toldBefore = await casesToldToday(tx, caller.sub, day);
    // The cases this answer tells the caller about: those they may not already see, and not told before today.
    const told: CaseRow[] = [];
    for (const match of matches) {
      const row = await findCase(tx, match.caseId);
      if (row && !toldBefore.has(row.id) && !(await accessTo(tx, caller, row, now))?.involved) told.push(row);
    }
    // Another attempt at once may have used up the day while this one waited for the lock.
    const atLimit = options.atLimit || (told.length > 0 && toldBefore.size >= guard.perDay);
    const actor = { actorSub: caller.sub, actorOrganisation: caller.organisation, actorRole: caller.role };
    const attempt = { ...actor, municipality, localDay: day, at: now, requestId: guard.requestId };
    if (atLimit) {
      await insertCreationAttempt(tx, [{ id: randomUUID(), ...attempt, outcome: 'limiet-bereikt', caseId: null }]);
      // The beheerder hears once a day per caller that the limit refused them (their werkvoorraad, and a webhook).
      if (!(await hasRoleSignalSince(tx, 'aanmaakpogingen-limiet', municipality, 'beheerder', caller.sub, startOfLocalDate(day)))) {
        await recordSignals(tx, actorOf(caller), [{ kind: 'aanmaakpogingen-limiet', addressee: 'beheerder', municipality, dueAt: now }], now);
      }
    } else if (told.length > 0) {
      await insertCreationAttempt(tx, told.map((row) => ({ id: randomUUID(), ...attempt, outcome: 'huishouden-heeft-casus' as const, caseId: row.id })));
      // The regisseur of each such case, now and after a handover, hears of it (their werkvoorraad, the timeline, the
      // webhooks `casus.aanmaakpoging` and `werkvoorraad.item`) and decides about the network.
      await recordSignals(
        tx,
        actorOf(caller),
        told.map((row) => ({ kind: 'aanmaakpoging' as const, addressee: 'regisseur' as const, caseRow: row, municipality: row.municipality, dueAt: now })),
        now,
        () => [{ type: 'casus.aanmaakpoging', data: { door: caller.sub, organisatie: caller.organisation, rol: caller.role } }],
      );
    }
    // Every attempt that matched is on record on the cases it matched, repeats and the caller's own cases too.
    const status = atLimit ? 429 : 409;
    if (!atLimit && matches.length > 0) await guard.audit(tx, matches, status);
    return { refusal: atLimit ? caseErrors.creationAttemptsLimit(guard.perDay, secondsToMidnight(now)) : caseErrors.householdHasCase() };
  });
  guard.refused(error.refusal);
  throw error.refusal;
}
