/**
 * Letters to the household (issue 17 point 7): who receives them, what a
 * member's safety-plan letter may hold, and how a letter may be sent. Pure
 * rules; the wording and the PDF are the API's (services/api/src/documents).
 *
 * Decisions (docs/domain.md, "Brieven"):
 * - A member receives letters themselves from 16 on (from 16 a young person
 *   exercises their own rights in youth care and health care: Jeugdwet,
 *   WGBO); a member without a birth date receives them unless recorded as a
 *   child. Younger children are told through their parents.
 * - A member on the perpetrator's side (betrokkenheid includes `pleger`)
 *   gets, in the safety plan, only the agreements they own themselves: any
 *   other agreement may be a victim's safety arrangement (where she goes,
 *   who she calls), and free text cannot be judged for that.
 * - A member who must get no post at home (`veiligContact.geenPostThuisadres`)
 *   gets no address block, and a letter to them is never recorded as sent
 *   by post (the guard briefVerzendwijzeVeilig).
 */
import { DomainError } from '../errors.js';
import type { Agreement, CaseContext, Member, PlanVersion } from './types.js';

export const LETTER_KINDS = ['start', 'gevolgen-hulp-weigeren', 'afsluiting', 'veiligheidsplan'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** How a letter reached the member: by post (to the address on record), by email, or handed over in person. */
export const LETTER_METHODS = ['post', 'email', 'persoonlijk'] as const;
export type LetterMethod = (typeof LETTER_METHODS)[number];

/** From this age a member receives letters themselves. */
export const LETTER_AGE = 16;

/** Whether the member is on the perpetrator's side of the household. */
export function memberOnPerpetratorSide(member: Pick<Member, 'betrokkenheid'>): boolean {
  return member.betrokkenheid.includes('pleger');
}

/**
 * Whether the member is `years` old or more on `today` (YYYY-MM-DD); without a
 * birth date, unless recorded as a child. A 29 February birthday counts from
 * 1 March in other years (the dates compare as text).
 */
export function aged(member: Pick<Member, 'geboortedatum' | 'relatie'>, years: number, today: string): boolean {
  if (member.geboortedatum === null) return member.relatie !== 'kind';
  const year = Number(member.geboortedatum.slice(0, 4)) + years;
  return `${String(year).padStart(4, '0')}${member.geboortedatum.slice(4)}` <= today;
}

/** Whether the member receives letters themselves on `today` (YYYY-MM-DD). */
export function receivesLetters(member: Pick<Member, 'geboortedatum' | 'relatie'>, today: string): boolean {
  return aged(member, LETTER_AGE, today);
}

/** The member who died, when the case was closed for that reason: no letter goes to them. */
export function deceasedMember(context: Pick<CaseContext, 'afsluiting'>): string | undefined {
  return context.afsluiting?.reden === 'overleden' ? context.afsluiting.lidId : undefined;
}

/**
 * Whether the regisseur recorded that this member is not informed about the
 * case for safety reasons (issue 17 point 6): every letter tells of the case,
 * so none is made for them or asked for until that is reviewed.
 */
export function notInformedForSafety(member: Pick<Member, 'geinformeerd'>): boolean {
  return member.geinformeerd?.status === 'niet-om-veiligheidsredenen';
}

/** The members who receive letters on `today`: old enough, alive, and not kept uninformed for their safety. */
export function letterRecipients(context: Pick<CaseContext, 'leden' | 'afsluiting'>, today: string): Member[] {
  const deceased = deceasedMember(context);
  return context.leden.filter((member) => member.id !== deceased && receivesLetters(member, today) && !notInformedForSafety(member));
}

/** Whether the member asked for no post at their home address. */
export function noPostAtHome(member: Pick<Member, 'veiligContact'>): boolean {
  return member.veiligContact?.geenPostThuisadres === true;
}

/**
 * The agreements of the safety plan that a member's letter holds: those the
 * household agreed to (an expert meeting's agreement not yet), not lapsed;
 * for a member on the perpetrator's side only their own.
 */
export function planAgreementsFor(member: Pick<Member, 'id' | 'betrokkenheid'>, plan: Pick<PlanVersion, 'afspraken'>): Agreement[] {
  return plan.afspraken.filter((agreement) => {
    if (agreement.status === 'vervallen' || agreement.akkoordHuishouden === false) return false;
    if (!memberOnPerpetratorSide(member)) return true;
    return agreement.eigenaar.soort === 'lid' && agreement.eigenaar.lidId === member.id;
  });
}

/** Why this letter cannot be made for this member now; undefined when it can. */
export type LetterRefusal = 'te-jong' | 'overleden' | 'niet-informeren' | 'niet-afgesloten' | 'geen-veiligheidsplan';

export function letterRefusal(kind: LetterKind, member: Member, context: Pick<CaseContext, 'afsluiting' | 'huidigPlan'>, today: string): LetterRefusal | undefined {
  if (member.id === deceasedMember(context)) return 'overleden';
  if (!receivesLetters(member, today)) return 'te-jong';
  if (notInformedForSafety(member)) return 'niet-informeren';
  if (kind === 'afsluiting' && context.afsluiting === null) return 'niet-afgesloten';
  if (kind === 'veiligheidsplan' && context.huidigPlan === null) return 'geen-veiligheidsplan';
  return undefined;
}

/**
 * Each refusal of a letter, defined once: the guards of `brief.verzonden`
 * (requirements.ts) and the letter's read (services/api/src/letters) give
 * the same code for the same rule.
 */
export const LETTER_REFUSALS = {
  'lid-onbekend': {
    code: 'brief.lid-onbekend',
    status: 422,
    message: 'Het lid (lid) hoort niet bij het huishouden van deze casus. Noem een lid met zijn id uit GET /v1/casussen/{id}.',
  },
  'te-jong': {
    code: 'brief.lid-te-jong',
    status: 422,
    message: `Dit lid is jonger dan ${LETTER_AGE} jaar (of vastgelegd als kind zonder geboortedatum): de brief gaat naar de ouders. Kies een ouder of een ander volwassen lid.`,
  },
  overleden: { code: 'brief.lid-overleden', status: 409, message: 'De casus is afgesloten omdat dit lid is overleden: het krijgt geen brief meer.' },
  'niet-informeren': {
    code: 'brief.lid-niet-informeren',
    status: 409,
    message:
      'Dit lid wordt om veiligheidsredenen niet over de casus geïnformeerd, en elke brief vertelt over de casus. Herzie eerst of informeren nu veilig kan en leg dat vast (PUT /v1/casussen/{id}/leden/{lidId}/informering).',
  },
  'niet-afgesloten': {
    code: 'brief.casus-niet-afgesloten',
    status: 409,
    message: 'De afsluitbrief hoort bij een afgesloten casus. Sluit de casus eerst af (POST /v1/casussen/{id}/afsluiting).',
  },
  'geen-veiligheidsplan': {
    code: 'brief.geen-veiligheidsplan',
    status: 409,
    message: 'De casus heeft nog geen veiligheidsplan om te versturen. Stel het eerst vast met het huishouden (PUT /v1/casussen/{id}/veiligheidsplan).',
  },
  'geen-post-thuisadres': {
    code: 'brief.geen-post-thuisadres',
    status: 409,
    message:
      'Dit lid wil geen post op het huisadres (veilig contact): een brief wordt niet per post verstuurd. Geef de brief persoonlijk of per e-mail, en leg die wijze vast.',
  },
  'ander-kanaal': {
    code: 'brief.ander-kanaal',
    status: 409,
    message:
      'Dit lid heeft gevraagd om contact op een andere manier (veilig contact: e-mail of persoonlijk). Verstuur de brief op die manier, of leg eerst met het lid een andere voorkeur vast (PUT /v1/casussen/{id}/leden/{lidId}/veilig-contact).',
  },
} as const satisfies Record<LetterRefusal | 'lid-onbekend' | 'geen-post-thuisadres' | 'ander-kanaal', { readonly code: string; readonly status: 403 | 404 | 409 | 422; readonly message: string }>;

/**
 * Why a sending cannot be recorded with this method: post to a member who
 * wants none at home; or another way than the one the member asked for, when
 * that is a way a letter can go (e-mail, in person). A preference for the
 * telephone or for post leaves the letter's way to the regisseur.
 */
export function sendingRefusal(method: LetterMethod, member: Pick<Member, 'veiligContact'>): 'geen-post-thuisadres' | 'ander-kanaal' | undefined {
  if (method === 'post' && noPostAtHome(member)) return 'geen-post-thuisadres';
  const channel = member.veiligContact?.kanaal;
  if ((channel === 'email' || channel === 'persoonlijk') && method !== channel) return 'ander-kanaal';
  return undefined;
}

/** Each letter's title, as the letter and the timeline name it. */
export const LETTER_TITLES: Readonly<Record<LetterKind, string>> = {
  start: 'Wij helpen u en uw gezin',
  'gevolgen-hulp-weigeren': 'Wat gebeurt er als u geen hulp wilt?',
  afsluiting: 'De hulp stopt',
  veiligheidsplan: 'Uw veiligheidsplan',
};

export const LETTER_METHOD_WORDS: Readonly<Record<LetterMethod, string>> = {
  post: 'per post',
  email: 'per e-mail',
  persoonlijk: 'persoonlijk overhandigd',
};

/** A letter refusal as the API's answer (the letter's read; the machine gives the same through its guards). */
export function letterRefused(name: keyof typeof LETTER_REFUSALS): DomainError {
  const { code, status, message } = LETTER_REFUSALS[name];
  return new DomainError({ status, code, title: 'Deze brief kan niet.', detail: message });
}

/** The letters' refusals that are not rules of the case. */
export const letterErrors = {
  onlyRegisseur: () =>
    new DomainError({
      status: 403,
      code: 'brief.alleen-regisseur',
      title: 'Alleen de regisseur maakt en verstuurt brieven aan het huishouden.',
      detail: 'Een brief komt van de regisseur (of diens vervanger in de afwezigheid). Vraag de regisseur van deze casus.',
    }),
  perpetratorSide: () =>
    new DomainError({
      status: 403,
      code: 'brief.plegerzijde',
      title: 'Wie aan de kant van de pleger betrokken is, maakt geen brief voor een lid aan de andere kant.',
      detail: 'Een brief kan gegevens van het slachtoffer bevatten. Vraag een regisseur die niet aan de kant van de pleger staat.',
    }),
  onlyPdf: () =>
    new DomainError({
      status: 406,
      code: 'brief.alleen-pdf',
      title: 'Een brief is er alleen als PDF.',
      detail: 'Vraag de brief op met Accept: application/pdf.',
    }),
  sentInFuture: () =>
    new DomainError({
      status: 422,
      code: 'brief.datum-in-toekomst',
      title: 'De datum van verzending ligt in de toekomst.',
      detail: 'Leg een verzending vast als de brief is verstuurd of overhandigd, met die datum (vandaag of eerder).',
      invalidParams: [{ name: 'verzondenOp', code: 'too_big', reason: 'niet na vandaag' }],
    }),
};
