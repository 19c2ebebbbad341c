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
 * - `regisseur-vertrokken`: the case's regisseur was marked as gone; for the
 *   beheerder of the municipality, who reassigns the case (issue 16 point 14).
 * - `regiewissel-wacht`: a handover proposal is unanswered after 2 working
 *   days (for both regisseurs) or 5 (for the beheerder) (issue 16 point 11).
 */
export const SIGNAL_KINDS = ['aanmaakpoging', 'aanmaakpogingen-limiet', 'regisseur-vertrokken', 'regiewissel-wacht'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The timeline's sentence for a signal about a case. No name: who tried is in `door`, which finding 12's rule can hide. */
export function describeSignal(kind: SignalKind): string {
  switch (kind) {
    case 'aanmaakpoging':
      return 'Poging om een tweede casus voor dit huishouden te openen, geweigerd (1 gezin, 1 plan). De regisseur beslist of de aanvrager aan het netwerk wordt toegevoegd.';
    case 'aanmaakpogingen-limiet':
      return 'Daglimiet bereikt van pogingen om een casus te openen voor huishoudens die er al een hebben.';
    case 'regisseur-vertrokken':
      return 'De regisseur is door beheer als vertrokken gemarkeerd; beheer draagt de casus over aan een collega.';
    case 'regiewissel-wacht':
      return 'Een voorstel om de regie over te dragen is nog niet beantwoord.';
  }
}
