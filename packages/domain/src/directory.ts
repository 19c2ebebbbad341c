/**
 * The directory of professionals (issue 16 point 14): who counts as a known
 * colleague for a handover, a substitute or a reassignment, and the refusals
 * when someone does not.
 */
import { DomainError } from './errors.js';

/** Codes that both a machine guard (requirements.ts) and a directory refusal give, with one meaning. */
export const DIRECTORY_CODES = {
  /** Not in the directory as a local-team professional of the municipality. */
  unknown: 'medewerker.onbekend',
  /** Marked as gone by a beheerder. */
  gone: 'medewerker.vertrokken',
} as const;

/** What the directory says of a professional named as regisseur or substitute. */
export type DirectoryStanding = 'bekend' | 'onbekend' | 'vertrokken';

/** The standing of a directory entry as a local-team professional of one of `municipalities`. */
export function standingOf(
  entry: { readonly role: string; readonly municipalities: readonly string[]; readonly goneAt: Date | null } | undefined,
  municipalities: readonly string[],
): DirectoryStanding {
  if (!entry || entry.role !== 'lokaal-team' || !entry.municipalities.some((m) => municipalities.includes(m))) return 'onbekend';
  return entry.goneAt ? 'vertrokken' : 'bekend';
}

const whereToLook = (municipalities: readonly string[]) =>
  `Alleen wie zich met een geldig token bij Veilig Samen heeft gemeld, staat in GET /v1/medewerkers${municipalities.length === 1 ? `?gemeente=${municipalities[0]}&rol=lokaal-team` : '?rol=lokaal-team'}; kies daaruit (let op de schrijfwijze van het id).`;

export const directoryErrors = {
  /** The named colleague is not (or not as a local-team professional of these municipalities) known, or gone. */
  notUsable: (sub: string, standing: Exclude<DirectoryStanding, 'bekend'>, municipalities: readonly string[]) =>
    new DomainError({
      status: 422,
      code: standing === 'vertrokken' ? DIRECTORY_CODES.gone : DIRECTORY_CODES.unknown,
      title: standing === 'vertrokken' ? `${sub} is als vertrokken gemarkeerd.` : `Veilig Samen kent ${sub} niet als medewerker van een lokaal team van ${municipalities.join(', ')}.`,
      detail: standing === 'vertrokken' ? `Kies een collega die er nog is. ${whereToLook(municipalities)}` : whereToLook(municipalities),
    }),
  notFound: () =>
    new DomainError({
      status: 404,
      code: 'medewerker.niet-gevonden',
      title: 'Medewerker niet gevonden.',
      detail: 'Veilig Samen kent deze medewerker niet in een van uw gemeenten.',
    }),
  alreadyGone: () => new DomainError({ status: 409, code: 'medewerker.al-vertrokken', title: 'Deze medewerker is al als vertrokken gemarkeerd.' }),
  notGone: (
    detail = 'Alle casussen in één keer overdragen kan alleen voor wie vertrokken is (POST /v1/medewerkers/{id}/vertrokken); anders draagt de regisseur zelf over en accepteert de nieuwe regisseur.',
  ) => new DomainError({ status: 409, code: 'medewerker.niet-vertrokken', title: 'Deze medewerker is niet als vertrokken gemarkeerd.', detail }),
  /** The caller is marked as gone: no right anywhere (issue 16 point 14), until a beheerder undoes it. */
  callerGone: (municipalities: readonly string[]) =>
    new DomainError({
      status: 403,
      code: 'auth.medewerker-vertrokken',
      title: 'U bent als vertrokken gemarkeerd.',
      detail:
        `Beheer van ${municipalities.join(', ')} heeft u als vertrokken gemarkeerd; daarmee heeft u in Veilig Samen geen rechten meer. ` +
        'Is dat een vergissing, vraag dan beheer van uw gemeente dit ongedaan te maken (POST /v1/medewerkers/{id}/terug).',
    }),
  substituteSelf: () => new DomainError({ status: 422, code: 'vervanging.zelf', title: 'U kunt uzelf niet als vervanger noemen.' }),
  substitutePeriod: (detail: string) => new DomainError({ status: 422, code: 'vervanging.periode-ongeldig', title: 'De periode van de vervanging is ongeldig.', detail }),
  noSubstitution: () => new DomainError({ status: 404, code: 'vervanging.niet-gevonden', title: 'U heeft geen vervanger genoemd.' }),
};
