/**
 * The household's letters in plain Dutch (issue 17 point 7, taalniveau B1):
 * short sentences, "u", no internal ids or jargon. Seed 001: "Inwoners
 * begrijpen wat wij zeggen ... Voor inwoners moet vanaf het begin duidelijk
 * zijn wanneer het niet aanvaarden van aangeboden hulp leidt tot bepaalde
 * besluiten." So the start letter already says what refusing help leads to,
 * and the letter `gevolgen-hulp-weigeren` says it in full.
 *
 * This file only words what the use-case (letters/use-cases.ts) decided the
 * member may read: the facts come in filtered (no sealed address, no other
 * member's details to the perpetrator's side).
 */
import { LETTER_TITLES, type ClosureReason, type ContactChannel, type HandoverTarget, type LetterKind, type SafeContact } from '@veilig-samen/domain';
import type { Block, DocumentSpec } from './pdf.js';

/** How the letter reaches the member when it has no address block. */
export type NoAddressReason = 'geen-post-thuisadres' | 'afgeschermd' | 'onbekend';

export interface LetterFacts {
  readonly soort: LetterKind;
  readonly aan: {
    readonly naam: string;
    /** The address for the address block, or null with the reason there is none. */
    readonly adres: string | null;
    readonly geenAdres: NoAddressReason | null;
    readonly veiligContact: SafeContact | null;
  };
  readonly regisseur: { readonly naam: string | null; readonly organisatie: string };
  readonly gemeente: string;
  /** Today, YYYY-MM-DD. */
  readonly datum: string;
  /** The household has members under 18 (the letter on refusing help names child protection then). */
  readonly kinderenInHuis: boolean;
  readonly afsluiting: { readonly reden: string; readonly op: string; readonly naar: HandoverTarget | null } | null;
  readonly plan: {
    readonly versie: number;
    readonly vastgesteldOp: string;
    readonly afspraken: readonly { readonly wat: string; readonly wie: string; readonly uiterlijk: string; readonly klaar: boolean }[];
    /** Only the member's own agreements (a member on the perpetrator's side). */
    readonly alleenEigen: boolean;
  } | null;
}

/** A date in words: 3 februari 2026. */
export function dutchDate(value: string): string {
  const day = value.length === 10 ? `${value}T12:00:00Z` : value;
  return new Date(day).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
}

const CHANNEL_WORDS: Readonly<Record<ContactChannel, string>> = {
  post: 'per post',
  telefoon: 'per telefoon',
  email: 'per e-mail',
  persoonlijk: 'in een persoonlijk gesprek',
};

const HELP_IN_DANGER = 'Bent u of is iemand anders in direct gevaar? Bel dan 112. Wilt u praten of advies? Bel Veilig Thuis: 0800-2000 (gratis, dag en nacht).';

function regisseurWords(facts: LetterFacts): string {
  return facts.regisseur.naam ? `${facts.regisseur.naam} van ${facts.regisseur.organisatie}` : `een medewerker van ${facts.regisseur.organisatie}`;
}

/** How to reach the regisseur, and the member's own safe way of contact, in words. */
function contactBlocks(facts: LetterFacts): Block[] {
  const ask = facts.regisseur.naam ? ` en vraag naar ${facts.regisseur.naam}` : ' en vraag naar uw regisseur';
  const blocks: Block[] = [{ soort: 'alinea', tekst: `U bereikt uw regisseur via ${facts.regisseur.organisatie}. Bel of mail ${facts.regisseur.organisatie}${ask}.` }];
  const safe = facts.aan.veiligContact;
  // The safe moment itself is not printed: a letter can be read by others in the house, and "when he is at work"
  // tells them when the member feels safe. The letter only says that the moment the member gave is kept.
  if (safe && (safe.kanaal || safe.veiligMoment || safe.geenPostThuisadres)) {
    const parts = [
      safe.kanaal ? `wij nemen ${CHANNEL_WORDS[safe.kanaal]} contact met u op` : null,
      safe.veiligMoment ? 'op het moment dat u ons noemde' : null,
      safe.geenPostThuisadres ? 'wij sturen geen post naar uw huisadres' : null,
    ].filter((part): part is string => part !== null);
    blocks.push({ soort: 'alinea', tekst: `U heeft ons verteld hoe wij u veilig kunnen bereiken. Daar houden wij ons aan: ${parts.join(', ')}.` });
  }
  return blocks;
}

function addressBlocks(facts: LetterFacts): Block[] {
  switch (facts.aan.geenAdres) {
    case null:
      return [{ soort: 'adres', regels: [facts.aan.naam, ...(facts.aan.adres ?? '').split(/\n|,\s*/).filter((line) => line.trim() !== '')] }];
    case 'geen-post-thuisadres':
      return [
        { soort: 'adres', regels: [facts.aan.naam] },
        { soort: 'kader', tekst: 'Deze brief krijgt u persoonlijk of op een andere veilige manier. Wij sturen hem niet per post naar uw huisadres.' },
      ];
    case 'afgeschermd':
      return [
        { soort: 'adres', regels: [facts.aan.naam] },
        { soort: 'kader', tekst: 'Deze brief krijgt u persoonlijk van uw regisseur. Uw adres staat er niet op, om u te beschermen.' },
      ];
    case 'onbekend':
      return [{ soort: 'adres', regels: [facts.aan.naam] }];
  }
}

function closing(facts: LetterFacts): Block[] {
  return [
    { soort: 'alinea', tekst: 'Met vriendelijke groet,' },
    { soort: 'alinea', tekst: [facts.regisseur.naam ?? 'Uw regisseur', `regisseur, ${facts.regisseur.organisatie}`].join('\n') },
  ];
}

function startLetter(facts: LetterFacts): Block[] {
  return [
    { soort: 'alinea', tekst: `Beste ${facts.aan.naam},` },
    {
      soort: 'alinea',
      tekst:
        'Er zijn zorgen over de veiligheid bij u thuis. Wij willen dat iedereen in uw huis veilig is. Daarom helpen wij u en uw gezin. ' +
        'Wij werken samen met u en met andere hulpverleners. Er is één plan voor het hele gezin, en één persoon die alles regelt: uw regisseur.',
    },
    { soort: 'kop', tekst: 'Wie is uw regisseur?' },
    {
      soort: 'alinea',
      tekst: `Uw regisseur is ${regisseurWords(facts)}. Uw regisseur is uw vaste contactpersoon. Uw regisseur houdt het overzicht en maakt samen met u een plan.`,
    },
    { soort: 'kop', tekst: 'Hoe bereikt u uw regisseur?' },
    ...contactBlocks(facts),
    { soort: 'kop', tekst: 'Wat gebeurt er nu?' },
    {
      soort: 'lijst',
      punten: [
        'Eerst maken wij samen met u een veiligheidsplan. Daarin staan afspraken: wat doet u, en wat doen anderen, zodat het thuis veilig is.',
        'Wij kijken regelmatig samen hoe veilig het thuis is. Dat doen wij met een cijfer van 0 tot 10.',
        'Is het veilig genoeg? Dan zoeken wij samen uit waardoor het onveilig werd. En wat er nodig is om het veilig te houden.',
        'Lukt het niet om het binnen drie maanden veilig genoeg te krijgen? Dan bespreken wij uw situatie met deskundigen uit de regio. Zij denken mee over wat er nodig is.',
      ],
    },
    { soort: 'kop', tekst: 'Wat als u geen hulp wilt?' },
    {
      soort: 'alinea',
      tekst:
        'De hulp is er voor u. U mag nee zeggen. Maar wij zeggen u nu al eerlijk wat er dan gebeurt: als het thuis nog niet veilig is, melden wij dat aan Veilig Thuis. ' +
        'In een aparte brief leggen wij uit wat dat betekent. Vraag uw regisseur gerust om die brief.',
    },
    { soort: 'kop', tekst: 'U mag zien wat wij over u opschrijven' },
    {
      soort: 'alinea',
      tekst:
        'Wij schrijven op wat wij over u weten en wat wij doen. U mag altijd vragen wat er over u is opgeschreven. Vraag het aan uw regisseur. ' +
        'Binnen een maand krijgt u dan een overzicht. Soms laten wij iets weg, bijvoorbeeld om een ander te beschermen. Dan staat erbij dat er iets is weggelaten, en waarom.',
    },
    { soort: 'kader', tekst: HELP_IN_DANGER },
    ...closing(facts),
  ];
}

function refusalLetter(facts: LetterFacts): Block[] {
  return [
    { soort: 'alinea', tekst: `Beste ${facts.aan.naam},` },
    {
      soort: 'alinea',
      tekst:
        'U krijgt hulp van uw regisseur, omdat er zorgen zijn over de veiligheid bij u thuis. Die hulp is vrijwillig: u mag nee zeggen. ' +
        'Wij vinden het wel belangrijk dat u vooraf weet wat er dan gebeurt. Zo komt u niet voor verrassingen te staan.',
    },
    { soort: 'kop', tekst: 'Als u geen hulp wilt, of ermee stopt' },
    {
      soort: 'alinea',
      tekst: 'Is het thuis dan nog niet veilig? Dan gebeurt het volgende:',
    },
    {
      soort: 'lijst',
      punten: [
        'Wij melden aan Veilig Thuis dat u geen hulp meer wilt. Veilig Thuis kijkt dan opnieuw naar de veiligheid bij u thuis.',
        ...(facts.kinderenInHuis
          ? [
              'Zijn er kinderen in huis, en is hun veiligheid in gevaar? Dan kan Veilig Thuis de Raad voor de Kinderbescherming vragen om onderzoek te doen. ' +
                'De rechter kan dan beslissen dat er hulp moet komen, ook als u dat niet wilt. Bijvoorbeeld met een gezinsvoogd.',
            ]
          : []),
        'Is er opnieuw geweld? Dan kan de politie altijd ingrijpen. Bijvoorbeeld met een tijdelijk huisverbod: dan mag iemand tien dagen niet thuis komen.',
      ],
    },
    { soort: 'kop', tekst: 'Wij beslissen niet zomaar' },
    {
      soort: 'alinea',
      tekst:
        'Wij vertellen u altijd eerst wat wij van plan zijn, en waarom. U mag altijd uw mening geven. U kunt ook altijd van gedachten veranderen. Neem dan contact op met uw regisseur.',
    },
    { soort: 'kop', tekst: 'Hoe bereikt u uw regisseur?' },
    { soort: 'alinea', tekst: `Uw regisseur is ${regisseurWords(facts)}.` },
    ...contactBlocks(facts),
    { soort: 'kader', tekst: HELP_IN_DANGER },
    ...closing(facts),
  ];
}

const CLOSURE_WORDS: Readonly<Record<ClosureReason, string>> = {
  'stabiel-veilig': 'Het is al een tijd veilig bij u thuis, en de afspraken uit het veiligheidsplan zijn nagekomen. Daarom stopt de hulp.',
  'verhuisd-buiten-regio': 'U bent verhuisd naar een gemeente buiten onze regio. Daarom stopt onze hulp. Is er in uw nieuwe woonplaats hulp nodig, dan kan die daar verder gaan.',
  overgedragen: 'De hulp gaat verder bij een andere organisatie.',
  'hulp-geweigerd': 'U heeft laten weten dat u geen hulp meer wilt. Daarom stopt de hulp. Zoals wij u eerder schreven, hebben wij dit gemeld aan Veilig Thuis.',
  overleden: 'Na het overlijden van een lid van uw huishouden hebben wij de hulp afgesloten. Wij wensen u veel sterkte.',
};

const HANDOVER_WORDS: Readonly<Record<HandoverTarget, string>> = {
  'gecertificeerde-instelling': 'De hulp gaat verder bij een jeugdbeschermingsorganisatie. Uw regisseur vertelt u wie uw nieuwe contactpersoon is.',
  'veilig-thuis': 'De hulp gaat verder bij Veilig Thuis. Uw regisseur vertelt u wie uw nieuwe contactpersoon is.',
};

function closingLetter(facts: LetterFacts): Block[] {
  const closure = facts.afsluiting;
  const reason = closure && (closure.reden in CLOSURE_WORDS ? (closure.reden as ClosureReason) : null);
  const why = reason === 'overgedragen' && closure?.naar ? HANDOVER_WORDS[closure.naar] : reason ? CLOSURE_WORDS[reason] : 'De hulp is afgerond.';
  return [
    { soort: 'alinea', tekst: `Beste ${facts.aan.naam},` },
    { soort: 'alinea', tekst: `Op ${dutchDate(closure?.op ?? facts.datum)} is de hulp van uw regisseur aan uw huishouden gestopt. In deze brief leest u waarom, en wat u kunt doen als u later weer hulp nodig heeft.` },
    { soort: 'kop', tekst: 'Waarom stopt de hulp?' },
    { soort: 'alinea', tekst: why },
    { soort: 'kop', tekst: 'Wat als het weer onveilig wordt?' },
    {
      soort: 'alinea',
      tekst: 'Wacht dan niet. Neem contact op met Veilig Thuis of met uw gemeente. Als u binnen een jaar weer hulp nodig heeft, weten wij wat er eerder is gebeurd. U hoeft dan niet alles opnieuw te vertellen.',
    },
    { soort: 'kop', tekst: 'Uw gegevens' },
    {
      soort: 'alinea',
      tekst: 'Wij bewaren wat wij hebben opgeschreven zo lang als de wet vraagt. U mag altijd vragen wat er over u is opgeschreven. Vraag het aan uw gemeente.',
    },
    { soort: 'kader', tekst: HELP_IN_DANGER },
    { soort: 'alinea', tekst: 'Wij wensen u en uw gezin het beste.' },
    ...closing(facts),
  ];
}

function planLetter(facts: LetterFacts): Block[] {
  const plan = facts.plan;
  const intro = plan
    ? `Dit is het veiligheidsplan dat wij samen met uw huishouden hebben gemaakt (versie ${plan.versie}, van ${dutchDate(plan.vastgesteldOp)}). Bewaar het op een veilige plek.`
    : 'Er is nog geen veiligheidsplan.';
  const rows = (plan?.afspraken ?? []).map((a) => [a.wat, a.wie, dutchDate(a.uiterlijk), a.klaar ? 'klaar' : 'nog te doen']);
  return [
    { soort: 'alinea', tekst: `Beste ${facts.aan.naam},` },
    { soort: 'alinea', tekst: intro },
    ...(plan?.alleenEigen
      ? [{ soort: 'alinea', tekst: 'In deze brief staan de afspraken die u zelf maakt. Andere afspraken uit het plan staan hier niet in, omdat ze over de veiligheid van anderen gaan.' } as const]
      : []),
    { soort: 'kop', tekst: 'Onze afspraken' },
    { soort: 'tabel', kolommen: ['Wat', 'Wie', 'Wanneer klaar', 'Hoe staat het?'], rijen: rows, breedtes: [5, 3, 2, 2] },
    { soort: 'alinea', tekst: 'Lukt een afspraak niet, of verandert er iets? Vertel het uw regisseur. Dan passen wij het plan samen aan.' },
    { soort: 'kop', tekst: 'Hoe bereikt u uw regisseur?' },
    { soort: 'alinea', tekst: `Uw regisseur is ${regisseurWords(facts)}.` },
    ...contactBlocks(facts),
    { soort: 'kader', tekst: HELP_IN_DANGER },
    ...closing(facts),
  ];
}

/** The letter as a document for the PDF module. */
export function letterDocument(facts: LetterFacts): DocumentSpec {
  const body = { start: startLetter, 'gevolgen-hulp-weigeren': refusalLetter, afsluiting: closingLetter, veiligheidsplan: planLetter }[facts.soort](facts);
  return {
    titel: LETTER_TITLES[facts.soort],
    afzender: [facts.regisseur.organisatie, ...(facts.regisseur.naam ? [`Uw regisseur: ${facts.regisseur.naam}`] : []), `Gemeente ${facts.gemeente}`],
    datumregel: `${facts.gemeente}, ${dutchDate(facts.datum)}`,
    blokken: [...addressBlocks(facts), { soort: 'kop', tekst: LETTER_TITLES[facts.soort] }, ...body],
    voet: `${LETTER_TITLES[facts.soort]} - ${facts.regisseur.organisatie}`,
  };
}
