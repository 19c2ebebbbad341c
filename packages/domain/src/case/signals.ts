/**
 * Signals: something a person must look at, addressed to them (security
 * finding 6; the werkvoorraad of issue 16 will list them). They are not case
 * events: a signal changes nothing in the case (no version, no phase), so the
 * machine never sees one and nobody's If-Match is disturbed by it.
 * - `aanmaakpoging`: someone tried to open a second case for the household of
 *   a case (refused: 1 gezin, 1 plan); for the case's regisseur, who decides
 *   whether to add them to the network.
 * - `aanmaakpogingen-limiet`: a caller reached the day's limit of such
 *   attempts; for the beheerder of the municipality.
 * - `signaal-afgesloten-huishouden`: a message about a household whose case
 *   was closed reopened it (or opened a new one linked to it); for its regisseur.
 * - `intake-wacht`: a message about a household without a case, or a moved
 *   case, waits in the municipality's intake; for its intake team and beheerder.
 */
export const SIGNAL_KINDS = ['aanmaakpoging', 'aanmaakpogingen-limiet', 'signaal-afgesloten-huishouden', 'intake-wacht'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The timeline's sentence for a signal about a case. No name: who tried is in `door`, which finding 12's rule can hide. */
export function describeSignal(kind: SignalKind): string {
  switch (kind) {
    case 'aanmaakpoging':
      return 'Poging om een tweede casus voor dit huishouden te openen, geweigerd (1 gezin, 1 plan). De regisseur beslist of de aanvrager aan het netwerk wordt toegevoegd.';
    case 'aanmaakpogingen-limiet':
      return 'Daglimiet bereikt van pogingen om een casus te openen voor huishoudens die er al een hebben.';
    case 'signaal-afgesloten-huishouden':
      return 'Nieuw bericht (incident, huisverbod of overdracht) over dit huishouden na afsluiting: herhaling. Veiligheid komt weer eerst.';
    case 'intake-wacht':
      return 'Een bericht wacht in de intake van de gemeente tot iemand van het intaketeam het oppakt.';
  }
}
