/**
 * Signals: something a person must look at, addressed to them; together they
 * are the werkvoorraad (work list, issue 16 point 5) of that person. They are
 * not case events: a signal changes nothing in the case (no version, no
 * phase), so the machine never sees one and nobody's If-Match is disturbed
 * by it. A case change can make signals (signalsFor below): they are written
 * in the change's transaction, beside the event.
 *
 * Addressing: a signal about a case is for "the regisseur", resolved when the
 * list is read through the case's current regisseur, so it follows a handover;
 * a signal for the municipality is for a role or team there (`beheerder`,
 * later `intaketeam`), resolved through the reader's municipalities.
 */
import type { CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';
import { addDays, localDate } from '../time.js';
import { letterRecipients } from './letters.js';
import type { Notification } from './notifications.js';
import { startOfLocalDate } from '../time.js';
import type { CaseContext } from './types.js';

export const SIGNAL_KINDS = [
  'aanmaakpoging',
  'aanmaakpogingen-limiet',
  'herinnering-deadline',
  'opschaling-besloten',
  'huisverbod-einde',
  'incident',
  'regiewissel-voorgesteld',
  'regiewissel-wacht',
  'signaal-afgesloten-huishouden',
  'intake-wacht',
  'regisseur-vertrokken',
  'informering-herzien',
  'mda-aanmelding',
  // Implied by the case's state, not stored (work-items.ts, issue 17 point 3).
  'afspraak-deadline',
  'veiligheidsscore-gepland',
  'handle-with-care',
  'brief-versturen',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * Who a signal is for. `regisseur`: the case's current regisseur (never a
 * stored person). `beheerder` and `intaketeam`: that role or team of the
 * signal's municipality (an intake team's members: token claim `teams`, docs/security.md).
 * `voorgestelde-regisseur`: the person a handover is
 * proposed to (issue 16 point 11), stored by sub beside the role, since
 * they do not direct the case yet.
 */
export const SIGNAL_ADDRESSEES = ['regisseur', 'beheerder', 'intaketeam', 'voorgestelde-regisseur'] as const;
export type SignalAddressee = (typeof SIGNAL_ADDRESSEES)[number];

/** Identifiers and codes only, never personal data: they go out in webhooks too. */
export type SignalData = Readonly<Record<string, string | number | boolean | null>>;

interface SignalDefinition {
  /** The Dutch description in the werkvoorraad and the timeline. */
  readonly omschrijving: string;
  /**
   * Made beside a case event that the timeline already shows (the reminder,
   * the decision, the incident): the timeline leaves such signals out, so
   * nothing is said twice.
   */
  readonly besideEvent: boolean;
  /** Defined and listed, but made by later work (the handover acceptance). */
  readonly reserved: boolean;
  /**
   * Implied by the case's state and computed when the werkvoorraad is read
   * (work-items.ts): never stored, no webhook, not marked done by hand; the
   * item is gone once the case no longer implies it. Absent: a stored signal.
   */
  readonly computed?: { readonly doneBy: string };
}

/**
 * Each kind, in Dutch terms. Reserved kinds are part of the API already, so a
 * client can filter on them before they are made.
 */
export const SIGNAL_DEFINITIONS: Readonly<Record<SignalKind, SignalDefinition>> = {
  aanmaakpoging: {
    omschrijving:
      'Poging om een tweede casus voor dit huishouden te openen, geweigerd (1 gezin, 1 plan). De regisseur beslist of de aanvrager aan het netwerk wordt toegevoegd.',
    besideEvent: false,
    reserved: false,
  },
  'aanmaakpogingen-limiet': {
    omschrijving: 'Daglimiet bereikt van pogingen om een casus te openen voor huishoudens die er al een hebben.',
    besideEvent: false,
    reserved: false,
  },
  'herinnering-deadline': {
    omschrijving: 'De veiligheidsdeadline nadert en de drempel is nog niet bereikt: zonder voldoende veiligheidsscore wordt de casus op de deadline opgeschaald naar het MDA++-expertoverleg.',
    besideEvent: true,
    reserved: false,
  },
  'opschaling-besloten': {
    omschrijving: 'De MDA++-coördinator heeft over de opschaling besloten (MDA++-traject, of terug naar het lokale team met advies): neem het besluit over in het veiligheidsplan.',
    besideEvent: true,
    reserved: false,
  },
  'huisverbod-einde': {
    omschrijving: 'Het tijdelijk huisverbod loopt binnen 2 dagen af: bereid met het huishouden voor wat er na het huisverbod nodig is voor de veiligheid.',
    besideEvent: true,
    reserved: false,
  },
  incident: {
    omschrijving: 'Een ander dan de regisseur (een ketenpartner of een bericht van Veilig Thuis of het Zorg- en Veiligheidshuis) meldde een incident: veiligheid komt weer eerst.',
    besideEvent: true,
    reserved: false,
  },
  'regiewissel-voorgesteld': {
    omschrijving: 'U bent voorgesteld als nieuwe regisseur van deze casus: bekijk de casus en aanvaard of wijs het voorstel af. Tot dan blijft de huidige regisseur verantwoordelijk.',
    // The timeline shows the proposal itself (regiewissel.voorgesteld).
    besideEvent: true,
    reserved: false,
  },
  'regiewissel-wacht': {
    omschrijving:
      'Een voorstel om de regie over te dragen is nog niet beantwoord: na 2 werkdagen voor beide regisseurs, na 5 werkdagen voor beheer. De voorgestelde regisseur accepteert of wijst af; wie het voorstelde kan het intrekken.',
    besideEvent: false,
    reserved: false,
  },
  'signaal-afgesloten-huishouden': {
    omschrijving: 'Nieuw bericht (incident, huisverbod of overdracht) over dit huishouden na afsluiting: herhaling. Veiligheid komt weer eerst.',
    besideEvent: false,
    reserved: false,
  },
  'intake-wacht': {
    omschrijving: 'Een bericht wacht in de intake van de gemeente tot iemand van het intaketeam het oppakt.',
    besideEvent: false,
    reserved: false,
  },
  'regisseur-vertrokken': {
    omschrijving: 'De regisseur van deze casus is door beheer als vertrokken gemarkeerd: draag de casus over aan een collega (een voorstel, of alles in één keer via POST /v1/medewerkers/{id}/overdracht).',
    besideEvent: false,
    reserved: false,
  },
  'informering-herzien': {
    omschrijving:
      'Een lid is om veiligheidsredenen niet over de casus geïnformeerd: herzie op de vervaldatum of informeren nu veilig kan, en leg het opnieuw vast (PUT .../leden/{lidId}/informering).',
    // The timeline shows the recording itself (lid.geinformeerd).
    besideEvent: true,
    reserved: false,
  },
  'mda-aanmelding': {
    omschrijving:
      'Een partner in het netwerk heeft de casus aangemeld voor MDA++ (gegevens: opschalingId en de aanmeldende organisatie). De MDA++-coördinator beslist; de regisseur blijft betrokken en bereidt het gesprek met het huishouden voor.',
    // The timeline shows the referral itself (casus.opgeschaald).
    besideEvent: true,
    reserved: false,
  },
  'afspraak-deadline': {
    omschrijving: 'Een open afspraak van het veiligheidsplan is te laat of nadert haar deadline: zorg dat de eigenaar haar uitvoert, of pas het plan aan.',
    besideEvent: true,
    reserved: false,
    computed: { doneBy: 'Het item verdwijnt zodra de afspraak gedaan of vervallen is (PATCH /v1/casussen/{id}/veiligheidsplan/afspraken/{afspraakId}) of het plan een nieuwe deadline geeft.' },
  },
  'veiligheidsscore-gepland': {
    omschrijving: 'De volgende TOP3-veiligheidsscore met het huishouden komt eraan of is te laat (standaardbeleid: elke 4 weken in directe veiligheid, daarna elke 6 weken).',
    besideEvent: true,
    reserved: false,
    computed: { doneBy: 'Het item schuift door naar de volgende scoring zodra een veiligheidsscore is vastgelegd (POST /v1/casussen/{id}/veiligheidsscores).' },
  },
  'handle-with-care': {
    omschrijving:
      'Na een incident waarbij de politie betrokken was, krijgt de school van het kind binnen 24 uur een Handle with Care-signaal (alleen dat het kind steun nodig kan hebben, nooit inhoud van de casus). Leg vast wanneer en aan welke school het signaal ging.',
    besideEvent: true,
    reserved: false,
    computed: { doneBy: 'Het item verdwijnt zodra het signaal is vastgelegd (PUT /v1/casussen/{id}/leden/{lidId}/handle-with-care).' },
  },
  'brief-versturen': {
    omschrijving:
      'Een brief voor een lid van het huishouden wacht op verzending (gegevens: lidId en brief). Maak hem met GET /v1/casussen/{id}/brieven/{brief}?lid={lidId} ' +
      'en leg vast wanneer en hoe hij is verstuurd (POST /v1/casussen/{id}/brieven/{brief}/verzendingen): dan is het item afgehandeld.',
    // The timeline shows the opening, the closure or the new regisseur the letters follow from.
    besideEvent: true,
    reserved: false,
  },
};

/** Whether a kind is implied by the case's state (computed when read) rather than stored. */
export function isComputedKind(kind: SignalKind): boolean {
  return SIGNAL_DEFINITIONS[kind].computed !== undefined;
}


/** Days within which a letter the werkvoorraad asks for is due (past them, the item is overdue). */
export const LETTER_DUE_DAYS = 5;

/**
 * The letters a change asks the regisseur to send (issue 17 point 7): the
 * start letter to every member who receives letters when the case opens, is
 * reopened or gets a new regisseur (the letter says who the regisseur is);
 * the closing letter when it closes. The items name the member and the
 * letter; recording the sending settles them (projections/letter-signals.ts).
 */
export function letterSignals(context: CaseContext, brief: 'start' | 'afsluiting', at: string): SignalDraft[] {
  const dueAt = addDays(new Date(at), LETTER_DUE_DAYS).toISOString();
  return letterRecipients(context, localDate(new Date(at))).map((member) => ({ kind: 'brief-versturen', addressee: 'regisseur', dueAt, data: { lidId: member.id, brief } }));
}

/** The description of a signal, in the werkvoorraad and the timeline. No name: who acted is in `door`, which finding 12's rule can hide. */
export function describeSignal(kind: SignalKind): string {
  return SIGNAL_DEFINITIONS[kind].omschrijving;
}

/** Whether the case's timeline shows this kind (it does not when the event it was made beside is shown). */
export function signalOnTimeline(kind: SignalKind): boolean {
  return !SIGNAL_DEFINITIONS[kind].besideEvent;
}

/** A signal a case change makes, before it is stored (the use-case gives it its id, the case and the actor). */
export interface SignalDraft {
  readonly kind: SignalKind;
  readonly addressee: SignalAddressee;
  /** The person, for `voorgestelde-regisseur` (who does not direct the case yet). */
  readonly addresseeSub?: string;
  /** When it must be dealt with (ISO instant): the werkvoorraad sorts on it; past it, the item is overdue. */
  readonly dueAt: string;
  readonly data: SignalData;
}

/**
 * The signals a case change makes for a person, from the event and the
 * snapshots before and after it (as notificationsFor makes the webhooks).
 * Called only with an event the machine accepted.
 */
export function signalsFor(before: CaseSnapshot, after: CaseSnapshot, event: CaseEvent): SignalDraft[] {
  switch (event.type) {
    case 'veiligheidsdeadline.herinnerd': {
      // Due at the deadline of the window the reminder is for.
      const window = after.context.vensters.find((v) => v.nummer === event.vensterNummer);
      if (!window) return [];
      return [{ kind: 'herinnering-deadline', addressee: 'regisseur', dueAt: window.deadline, data: { vensterNummer: window.nummer } }];
    }
    case 'opschaling.naar-mda-traject':
    case 'opschaling.terug-naar-lokaal-team':
      return [
        {
          kind: 'opschaling-besloten',
          addressee: 'regisseur',
          dueAt: event.op,
          data: { opschalingId: event.opschalingId, besluit: event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team' },
        },
      ];
    case 'casus.opgeschaald':
      // A referral by a partner reaches the regisseur (issue 18 point 1); the regisseur's own referral needs no signal.
      if (event.reden !== 'aanmelding-partner' || event.door.sub === before.context.regisseur.id) return [];
      return [
        {
          kind: 'mda-aanmelding',
          addressee: 'regisseur',
          dueAt: event.op,
          data: { opschalingId: event.opschalingId, organisatie: event.aangemeldDoor?.organisatie ?? event.door.organisatie },
        },
      ];
    case 'huisverbod.herinnerd': {
      // Due when the order ends: that is when the household must be safe without it.
      const end = after.context.huisverbod?.einde ?? event.einde;
      return end ? [{ kind: 'huisverbod-einde', addressee: 'regisseur', dueAt: end, data: {} }] : [];
    }
    case 'incident.gemeld':
      // The regisseur who reports it knows already; anyone else's report (a partner, a message, the system) must reach them.
      if (event.door.sub === before.context.regisseur.id) return [];
      return [{ kind: 'incident', addressee: 'regisseur', dueAt: event.op, data: { incidentSoort: event.soort } }];
    case 'regiewissel.voorgesteld': {
      // The proposed regisseur learns of it at once (point 5: a handover waiting for acceptance reaches a person).
      const proposal = after.context.regiewissel;
      if (!proposal) return [];
      return [{ kind: 'regiewissel-voorgesteld', addressee: 'voorgestelde-regisseur', addresseeSub: proposal.regisseur.id, dueAt: event.op, data: { voorstelId: proposal.id } }];
    }
    case 'regiewissel.gesignaleerd': {
      // An unanswered proposal (issue 16 point 11): after 2 working days both regisseurs, after 5 the municipality's beheerder.
      const proposal = before.context.regiewissel;
      if (!proposal) return [];
      const data = { voorstelId: proposal.id, niveau: event.niveau };
      if (event.niveau === 'beheerder') return [{ kind: 'regiewissel-wacht', addressee: 'beheerder', dueAt: event.op, data }];
      return [
        { kind: 'regiewissel-wacht', addressee: 'regisseur', dueAt: event.op, data },
        { kind: 'regiewissel-wacht', addressee: 'voorgestelde-regisseur', addresseeSub: proposal.regisseur.id, dueAt: event.op, data },
      ];
    }
    case 'lid.geinformeerd':
      // Not informed for safety reasons (issue 17 point 6): due on the review date, so it is at the top of the list then.
      // Done when the member's informing is recorded again (projections/member-signals.ts).
      return event.status === 'niet-om-veiligheidsredenen' && event.herzienOp
        ? [{ kind: 'informering-herzien', addressee: 'regisseur', dueAt: startOfLocalDate(event.herzienOp).toISOString(), data: { lidId: event.lidId } }]
        : [];
    case 'casus.heropend':
    case 'regisseur.overgedragen':
    case 'regiewissel.geaccepteerd':
    case 'verhuizing.overgenomen':
      return letterSignals(after.context, 'start', event.op);
    case 'casus.afgesloten':
      return letterSignals(after.context, 'afsluiting', event.op);
    default:
      return [];
  }
}

/** A stored signal as the webhook `werkvoorraad.item` tells it: identifiers, kind, addressee and due time only. */
export function signalNotification(signal: { readonly id: string; readonly kind: SignalKind; readonly addressee: SignalAddressee; readonly dueAt: string; readonly data: SignalData }): Notification {
  return {
    type: 'werkvoorraad.item',
    data: { ...signal.data, werkvoorraadId: signal.id, soort: signal.kind, geadresseerde: signal.addressee, vervaldatum: new Date(signal.dueAt).toISOString() },
  };
}
