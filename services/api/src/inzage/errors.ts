/** The refusals of a member's inzage export (issue 17 point 10), each with a stable code. */
import { DomainError } from '@veilig-samen/domain';

export const inzageErrors = {
  onlyReviewer: () =>
    new DomainError({
      status: 403,
      code: 'inzage.alleen-regisseur-of-privacy',
      title: 'Alleen de regisseur of de privacyfunctionaris behandelt een inzageverzoek.',
      detail:
        'Een inzage wordt voorbereid, beoordeeld (AVG art. 15 lid 4: de rechten van anderen) en vrijgegeven door de regisseur van de casus (of diens vervanger) of de privacyfunctionaris (rol privacy) van de gemeente. Vraag een van hen.',
    }),
  perpetratorSide: () =>
    new DomainError({
      status: 403,
      code: 'inzage.plegerzijde',
      title: 'Wie aan de kant van de pleger betrokken is, behandelt geen inzage van een lid aan de andere kant.',
      detail: 'De inzage van een slachtoffer (of een ander lid dat geen pleger is) bevat gegevens die de kant van de pleger niet mag zien. Vraag de privacyfunctionaris van de gemeente.',
    }),
  notFound: () =>
    new DomainError({ status: 404, code: 'inzage.verzoek-niet-gevonden', title: 'Dit inzageverzoek bestaat niet bij deze casus.' }),
  itemNotFound: (itemId: string) =>
    new DomainError({
      status: 404,
      code: 'inzage.onderdeel-niet-gevonden',
      title: 'Dit onderdeel staat niet in het document.',
      detail: `Het document heeft geen onderdeel ${itemId}. Gebruik de id van een onderdeel uit document (GET /v1/casussen/{id}/inzageverzoeken/{verzoekId}).`,
    }),
  itemNotWithheld: (itemId: string) =>
    new DomainError({ status: 404, code: 'inzage.onderdeel-niet-weggelaten', title: `Onderdeel ${itemId} is niet weggelaten.` }),
  alreadyReleased: () =>
    new DomainError({
      status: 409,
      code: 'inzage.al-vrijgegeven',
      title: 'Deze inzage is al vrijgegeven en verandert niet meer.',
      detail: 'Wat het lid heeft gekregen blijft zoals het is. Is er iets te verbeteren, bereid dan een nieuwe inzage voor (POST /v1/casussen/{id}/leden/{lidId}/inzageverzoeken).',
    }),
  draftOutdated: () =>
    new DomainError({
      status: 409,
      code: 'inzage.concept-verouderd',
      title: 'Dit concept klopt niet meer met wat nu is vastgelegd en wordt niet vrijgegeven.',
      detail:
        'Sinds het concept is opgesteld, is iets wat erin staat veranderd: een notitie is ingetrokken of achtergehouden, het lid staat nu aan een andere kant (pleger of niet), een lid is afgeschermd of niet meer in de casus, of de regisseur is gewisseld. ' +
        'Bereid een nieuwe inzage voor (POST /v1/casussen/{id}/leden/{lidId}/inzageverzoeken), beoordeel die en geef die vrij.',
    }),
  notReleased: () =>
    new DomainError({
      status: 409,
      code: 'inzage.niet-vrijgegeven',
      title: 'Er is (nog) geen vrijgegeven inzage om te downloaden.',
      detail:
        'Een inzage wordt eerst voorbereid (POST /v1/casussen/{id}/leden/{lidId}/inzageverzoeken), beoordeeld en vrijgegeven (POST /v1/casussen/{id}/inzageverzoeken/{verzoekId}/vrijgave); pas dan kan zij worden gedownload.',
    }),
  requestInFuture: () =>
    new DomainError({
      status: 422,
      code: 'inzage.ontvangen-in-toekomst',
      title: 'De datum van het verzoek ligt in de toekomst.',
      invalidParams: [{ name: 'ontvangenOp', code: 'too_big', reason: 'niet na vandaag' }],
    }),
};
