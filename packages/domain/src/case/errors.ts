/** The refusals of the case API that are not machine guards, each with a stable code. */
import { DomainError } from '../errors.js';
import { SHARED_CODES, type Refusal } from './requirements.js';

export const caseErrors = {
  notFound: () =>
    new DomainError({
      status: 404,
      code: 'casus.niet-gevonden',
      title: 'Casus niet gevonden.',
      detail: 'Deze casus bestaat niet of u heeft er geen toegang toe.',
    }),
  /** A read of a member the case does not have (a write is refused by the machine's guard lidBestaat, same code). */
  memberNotFound: () => new DomainError({ status: 404, code: SHARED_CODES.memberNotFound, title: 'Dit lid hoort niet bij deze casus.' }),
  planVersionNotFound: (versie: number) =>
    new DomainError({ status: 404, code: 'casus.planversie-niet-gevonden', title: `Versie ${versie} van het veiligheidsplan bestaat niet.` }),
  noPlan: () => new DomainError({ status: 404, code: SHARED_CODES.noPlan, title: 'Deze casus heeft nog geen veiligheidsplan.' }),
  ifMatchMissing: () =>
    new DomainError({
      status: 428,
      code: 'casus.if-match-ontbreekt',
      title: 'If-Match ontbreekt.',
      detail: 'Stuur bij elke wijziging de ETag van de casus mee in If-Match, zodat u geen wijziging van een ander overschrijft.',
    }),
  ifMatchInvalid: () =>
    new DomainError({
      status: 400,
      code: 'casus.if-match-ongeldig',
      title: 'If-Match heeft een ongeldige vorm.',
      detail: 'Gebruik de ETag zoals ontvangen, bijvoorbeeld "7".',
      invalidParams: [{ name: 'If-Match', code: 'invalid_format', reason: 'verwacht een ETag zoals "7"' }],
    }),
  staleVersion: (current: number) =>
    new DomainError({
      status: 412,
      code: 'casus.versie-verouderd',
      title: 'De casus is intussen gewijzigd.',
      detail: `De casus is nu bij versie ${current}. Haal de casus opnieuw op en probeer het dan nog eens.`,
      headers: { etag: `"${current}"` },
    }),
  refused: (refusal: Refusal) =>
    new DomainError({ status: refusal.status, code: refusal.code, title: refusal.message, detail: refusal.message, guard: refusal.guard }),
  municipalityNotAllowed: (gemeente: string) =>
    new DomainError({
      status: 403,
      code: 'casus.gemeente-niet-toegestaan',
      title: 'U werkt niet voor deze gemeente.',
      detail: `Uw token geeft geen toegang tot gemeente ${gemeente}.`,
    }),
  onlyRegisseur: () =>
    new DomainError({
      status: 403,
      code: 'casus.alleen-regisseur',
      title: 'Alleen de regisseur (of beheer) kan de regie overdragen.',
    }),
  perpetratorSideManagesNothing: () =>
    new DomainError({
      status: 403,
      code: 'casus.plegerzijde-geen-regie',
      title: 'Wie aan de kant van de pleger betrokken is, beheert het netwerk niet en draagt de regie niet over.',
      detail: 'Vraag beheer van de gemeente om het netwerk te wijzigen of de regie over te dragen.',
    }),
  onlyRegisseurDirects: () =>
    new DomainError({
      status: 403,
      code: 'casus.alleen-regisseur-markeert',
      title: 'Alleen de regisseur kan dit wijzigen.',
      detail: 'De markering coördinatie op veiligheid is een keuze van de regisseur; vraag de regisseur van deze casus.',
    }),
  onlyRegisseurEscalates: () =>
    new DomainError({ status: 403, code: 'casus.alleen-regisseur-schaalt-op', title: 'Alleen de regisseur kan de casus opschalen.' }),
  offeredReadOnly: () =>
    new DomainError({
      status: 403,
      code: 'casus.aangeboden-alleen-inzage',
      title: 'Deze casus is aangeboden aan de intake van uw gemeente: u kunt haar inzien, nog niet wijzigen.',
      detail: 'Neem de casus eerst over via het intake-item (POST /v1/intake/{id}/toewijzing); dan wordt u regisseur en kunt u haar wijzigen.',
    }),
  proposedReadOnly: () =>
    new DomainError({
      status: 403,
      code: 'casus.voorgesteld-alleen-inzage',
      title: 'U bent voorgesteld als regisseur van deze casus: u kunt haar inzien, nog niet wijzigen.',
      detail: 'Aanvaard het voorstel (POST …/regiewissel/acceptatie); daarna bent u de regisseur. Tot dan blijft de huidige regisseur verantwoordelijk.',
    }),
  readOnlyAccess: () =>
    new DomainError({
      status: 403,
      code: 'casus.alleen-inzage',
      title: 'Met noodtoegang kunt u de casus inzien, niet wijzigen.',
      detail: 'Vraag de regisseur u toe te voegen als betrokkene.',
    }),
  roleMayNotWrite: (role: string) =>
    new DomainError({
      status: 403,
      code: 'casus.rol-mag-niet-wijzigen',
      title: 'Uw rol mag deze casus niet wijzigen.',
      detail: `Rol ${role} mag casussen lezen maar niet wijzigen.`,
    }),
  startInFuture: () =>
    new DomainError({
      status: 422,
      code: 'casus.startdatum-in-toekomst',
      title: 'De startdatum ligt in de toekomst.',
      invalidParams: [{ name: 'startdatum', code: 'too_big', reason: 'mag niet na vandaag liggen' }],
    }),
  startInPastOnlyForImport: () =>
    new DomainError({
      status: 403,
      code: 'casus.startdatum-alleen-bij-import',
      title: 'Een startdatum in het verleden is alleen voor het importeren van lopende casussen.',
      detail: 'Alleen de rollen integratie en beheerder mogen een startdatum in het verleden opgeven.',
    }),
  regisseurRequired: () =>
    new DomainError({
      status: 422,
      code: 'casus.regisseur-verplicht',
      title: 'Geef een regisseur op.',
      detail: 'Alleen een casusregisseur van het lokale team kan regisseur zijn; noem de professional die de regie voert.',
      invalidParams: [{ name: 'regisseur', code: 'invalid_type', reason: 'verplicht, behalve voor rol lokaal-team' }],
    }),
  /**
   * The same answer whichever member matched and however many cases did
   * (security finding 6): it tells only that the household has a case here,
   * never which, whose or in what phase.
   */
  householdHasCase: () =>
    new DomainError({
      status: 409,
      code: 'casus.huishouden-heeft-al-casus',
      title: 'Dit huishouden heeft al een lopende casus in deze gemeente (1 gezin, 1 plan, 1 regisseur).',
      detail:
        'Er komt geen tweede casus. De regisseur van de bestaande casus krijgt bericht van uw poging en beslist of u aan het netwerk wordt toegevoegd; u kunt het ook via uw team navragen. Meer over die casus geeft dit antwoord niet.',
    }),
  /** After the day's allowance of "household has a case" answers: every creation until local midnight (finding 6). */
  creationAttemptsLimit: (perDay: number, retryAfterSeconds: number) =>
    new DomainError({
      status: 429,
      code: 'casus.aanmaakpogingen-limiet',
      title: 'U kunt vandaag geen casussen meer openen.',
      detail: `U kreeg vandaag al ${perDay} keer het antwoord dat een huishouden al een casus heeft; tot middernacht opent u geen nieuwe casus, en beheer van uw gemeente is ingelicht. Vraag zo nodig een collega of beheer om de casus te openen.`,
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  unknownAgreementId: (id: string) =>
    new DomainError({
      status: 422,
      code: 'casus.afspraak-onbekend',
      title: 'Een afspraak verwijst naar een id dat niet in de vorige versie staat.',
      detail: `Afspraak ${id} bestaat niet in de huidige versie; laat id weg voor een nieuwe afspraak.`,
    }),
  birthDateInFuture: (field: string) =>
    new DomainError({
      status: 422,
      code: 'casus.geboortedatum-in-toekomst',
      title: 'Een geboortedatum ligt in de toekomst.',
      invalidParams: [{ name: field, code: 'too_big', reason: 'mag niet na vandaag liggen' }],
    }),
  analysisProposalNotGranted: () =>
    new DomainError({
      status: 403,
      code: 'casus.analysevoorstel-niet-toegestaan',
      title: 'U mag geen nieuwe versie van de verklarende analyse voorstellen.',
      detail: 'Alleen wie in het netwerk van de casus inzage in de verklarende analyse heeft gekregen (en het lokale team) stelt een nieuwe versie voor; vraag de regisseur om die inzage.',
    }),
  onlyRegisseurAdoptsAnalysis: () =>
    new DomainError({
      status: 403,
      code: 'casus.alleen-regisseur-stelt-analyse-vast',
      title: 'Alleen de regisseur stelt een voorstel voor de verklarende analyse vast.',
      detail: 'Vraag de regisseur van deze casus het voorstel (met het akkoord van het huishouden) vast te stellen.',
    }),
  onlyRegisseurRecordsConsent: () =>
    new DomainError({
      status: 403,
      code: 'casus.alleen-regisseur-legt-akkoord-vast',
      title: 'Alleen de regisseur legt vast dat het huishouden akkoord is met een afspraak.',
      detail: 'De regisseur bespreekt de afspraken uit het expertoverleg met het huishouden en legt het akkoord vast.',
    }),
  movedWithinRegion: (gemeente: string) =>
    new DomainError({
      status: 422,
      code: 'casus.verhuisd-binnen-regio',
      title: 'De nieuwe gemeente ligt in de regio.',
      detail: `${gemeente} hoort bij deze regio: een verhuizing binnen de regio sluit de casus niet af. Bied de casus aan de intake van de nieuwe gemeente aan (POST /v1/casussen/{id}/verhuizing); u blijft regisseur tot iemand daar de casus overneemt.`,
      invalidParams: [{ name: 'gemeente', code: 'invalid_value', reason: 'een gemeente van de regio; verhuisd-buiten-regio vraagt een gemeente buiten de regio' }],
    }),
  incidentInFuture: () =>
    new DomainError({
      status: 422,
      code: 'casus.incidentdatum-in-toekomst',
      title: 'Het tijdstip van het incident ligt in de toekomst.',
      invalidParams: [{ name: 'tijdstip', code: 'too_big', reason: 'mag niet na nu liggen' }],
    }),
  // Issue 17 points 5 and 6: what the event cannot show (the network lives beside the case; today's date).
  involvementNotFound: () => new DomainError({ status: 404, code: 'betrokkene.niet-gevonden', title: 'Deze betrokkene staat niet in het netwerk van de casus.' }),
  consentDateInFuture: () =>
    new DomainError({
      status: 422,
      code: 'casus.toestemmingsdatum-in-toekomst',
      title: 'De datum van de toestemming ligt in de toekomst.',
      invalidParams: [{ name: 'sinds', code: 'too_big', reason: 'mag niet na vandaag liggen' }],
    }),
  reviewDateInPast: () =>
    new DomainError({
      status: 422,
      code: 'casus.herziendatum-in-verleden',
      title: 'De datum om het informeren te herzien ligt in het verleden.',
      detail: 'Kies een datum vanaf vandaag waarop u bekijkt of het lid alsnog veilig kan worden geïnformeerd.',
      invalidParams: [{ name: 'herzienOp', code: 'too_small', reason: 'mag niet voor vandaag liggen' }],
    }),
  /** A child's record (issue 17) dated after today: a conversation, a screening or a Handle with Care signal cannot have happened yet. */
  childRecordInFuture: (field: string) =>
    new DomainError({
      status: 422,
      code: 'casus.kind-datum-in-toekomst',
      title: 'Wat u per kind vastlegt, is al gebeurd: de datum of het tijdstip ligt in de toekomst.',
      detail: 'Leg een gesprek, traumascreening of Handle with Care-signaal vast als het gebeurd is, met de datum (of het tijdstip) waarop.',
      invalidParams: [{ name: field, code: 'too_big', reason: 'mag niet na nu liggen' }],
    }),
};
