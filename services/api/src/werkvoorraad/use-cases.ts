/**
 * The werkvoorraad (issue 16, point 5): the signals addressed to the caller,
 * and marking one done. Addressing is resolved when read (SignalAddressees):
 * an item for "the regisseur" is the current regisseur's, so it follows the
 * case on handover; an item for a role of a municipality is for whoever holds
 * that role there now.
 */
import { findComputedItem, listWerkvoorraad, lockWerkvoorraadItem, markSignalDone, type Database, type Page, type SignalAddressees, type SignalFilter, type SignalRow, type Transaction } from '@veilig-samen/db';
import { DomainError, SIGNAL_DEFINITIONS, type Caller, type Clock, type SignalKind } from '@veilig-samen/domain';
import { intakeMunicipalitiesOf } from '../cases/access.js';

export interface WerkvoorraadDeps {
  readonly db: Database;
  readonly clock: Clock;
}

export const werkvoorraadErrors = {
  /** Also for an item that exists but is someone else's: its existence is not revealed. */
  notFound: () =>
    new DomainError({
      status: 404,
      code: 'werkvoorraad.niet-gevonden',
      title: 'Werkvoorraad-item niet gevonden.',
      detail: 'Dit item bestaat niet of staat niet in uw werkvoorraad (een item voor de regisseur is van de huidige regisseur van de casus).',
    }),
  alreadyDone: (at: Date) =>
    new DomainError({
      status: 409,
      code: 'werkvoorraad.al-afgehandeld',
      title: 'Dit item is al afgehandeld.',
      detail: `Het item is afgehandeld op ${at.toISOString()}; dat blijft zo. U vindt het met GET /v1/werkvoorraad?status=afgehandeld.`,
    }),
  /** An item the case's state implies (issue 17): it goes when the case no longer implies it, not by hand. */
  doneInCase: (kind: SignalKind) =>
    new DomainError({
      status: 409,
      code: 'werkvoorraad.afhandelen-in-casus',
      title: 'Dit item volgt uit de casus en wordt daar afgehandeld.',
      detail: SIGNAL_DEFINITIONS[kind].computed?.doneBy ?? 'Het item verdwijnt zodra de casus het niet meer vraagt.',
    }),
};

/**
 * Who the caller is as an addressee: their sub (the regisseur's items of the
 * cases they direct now) and the roles they hold per municipality. A team
 * (the intake team, later work) is added here as one more role with the
 * municipalities its members serve.
 */
export function addresseesOf(caller: Caller): SignalAddressees {
  const roles: SignalAddressees['roles'][number][] = [];
  if (caller.role === 'beheerder') roles.push({ role: 'beheerder', municipalities: caller.municipalities });
  // A member of a municipality's intake team (token claim `teams`, docs/security.md) sees that intake's items.
  if (caller.role === 'lokaal-team' && (caller.intakeMunicipalities ?? []).length > 0) roles.push({ role: 'intaketeam', municipalities: intakeMunicipalitiesOf(caller) });
  return { sub: caller.sub, directs: caller.role === 'lokaal-team', roles };
}

/** A page of the caller's werkvoorraad (stored signals and the items their cases imply): open items past due first, then by due time. */
export async function werkvoorraadOf(deps: WerkvoorraadDeps, caller: Caller, filter: SignalFilter, page: Page) {
  const now = deps.clock.now();
  return { ...(await listWerkvoorraad(deps.db, addresseesOf(caller), filter, page, now)), now };
}

/**
 * Marks an item of the caller's werkvoorraad done, with its access-log row
 * (the case it is about, or none) in the same transaction. Locked first, so
 * two at once give one success and one 409.
 */
export async function markWerkvoorraadItemDone(
  deps: WerkvoorraadDeps,
  caller: Caller,
  id: string,
  audit: (tx: Transaction, caseId: string | null) => Promise<void>,
): Promise<SignalRow> {
  return deps.db.transaction(async (tx) => {
    const item = await lockWerkvoorraadItem(tx, id, addresseesOf(caller));
    if (!item) {
      // One of the items the caller's cases imply (issue 17): done in the case, so the refusal says how (logged as a refusal, like a 404).
      const to = addresseesOf(caller);
      const computed = to.directs === true ? await findComputedItem(tx, id, caller.sub) : undefined;
      if (computed) throw werkvoorraadErrors.doneInCase(computed.kind);
      throw werkvoorraadErrors.notFound();
    }
    if (item.doneAt) throw werkvoorraadErrors.alreadyDone(item.doneAt);
    const done = await markSignalDone(tx, id, caller.sub, deps.clock.now());
    if (!done) throw werkvoorraadErrors.alreadyDone(deps.clock.now());
    await audit(tx, done.caseId);
    return done;
  });
}
