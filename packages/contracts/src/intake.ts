/**
 * The municipalities' intake (issue 16): messages about households without a
 * case, and cases offered after a move, until a member of the intake team
 * takes them; undoing a wrong merge; offering a case after a move.
 */
import { z } from 'zod';
import { isoInstant, municipalityName, text } from './common.js';
import { pageNumber, pageSize } from './paging.js';

export const intakeQuery = z.object({
  status: z
    .enum(['wachtend', 'toegewezen'])
    .default('wachtend')
    .meta({ description: '`wachtend` (standaard): nog niet opgepakt, oudste eerst; `toegewezen`: opgepakt, met de casus die het werd.' }),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

export const intakeParams = z.object({ id: z.uuid() });

const intakePerson = z.object({
  naam: z.string().nullable().meta({ description: 'null als het bericht alleen een BSN noemde (het BSN zelf wordt nooit bewaard of getoond).' }),
  geboortedatum: z.string().nullable(),
  relatie: z.string().nullable(),
  betrokkenheid: z.array(z.string()),
});

export const intakeItemResponse = z
  .object({
    id: z.string(),
    soort: z
      .enum(['bericht', 'verhuizing', 'herhaling'])
      .meta({
        description:
          '`bericht`: een huishouden zonder casus; `verhuizing`: een casus die een andere gemeente van de regio aanbiedt; `herhaling`: een heropende of nieuwe casus na een eerdere (herhaling) waarvan de vorige regisseur vertrokken is of voor een andere gemeente werkt: wie hem oppakt wordt regisseur.',
      }),
    gemeente: z.string(),
    ontvangenOp: isoInstant.meta({ description: 'Wanneer het eerste bericht binnenkwam (of de verhuizing werd aangeboden); het veiligheidsvenster van de nieuwe casus begint hier.' }),
    leeftijdInUren: z.number().int().meta({ description: 'Hoe lang het item al wacht (of wachtte tot het werd opgepakt).' }),
    berichten: z.array(
      z.object({
        berichtId: z.string(),
        type: z.string(),
        ontvangenOp: isoInstant,
        afzender: z.string(),
        personen: z.array(intakePerson),
        gegevens: z.record(z.string(), z.unknown()).meta({ description: 'Het bericht zoals ontvangen, zonder personen en zonder BSN.' }),
      }),
    ),
    vanGemeente: z.string().nullable().meta({ description: 'Bij een verhuizing: de gemeente die de casus aanbiedt; bij een herhaling: de gemeente van de afgesloten casus.' }),
    casusId: z.string().nullable().meta({ description: 'Bij een verhuizing de aangeboden casus (leesbaar voor het intaketeam zolang het aanbod wacht); na toewijzing de casus die het werd. Alleen een casus die u mag lezen; anders leeg.' }),
    toegewezenAan: z.string().nullable(),
    toegewezenOp: isoInstant.nullable(),
  })
  .meta({ id: 'IntakeItem' });

export const intakeListResponse = z.object({ intake: z.array(intakeItemResponse) });

export const assignmentResponse = z
  .object({
    intake: intakeItemResponse,
    casusId: z.string().nullable().meta({ description: 'De casus die het werd; leeg als de berichten naar een casus gingen die u niet mag lezen (het huishouden kreeg intussen elders een casus).' }),
    regisseur: z.object({ id: z.string(), organisatie: z.string() }).nullable().meta({ description: 'De regisseur van die casus; leeg als u die casus niet mag lezen.' }),
  })
  .meta({ id: 'Toewijzing' });

export const moveRequest = z.object({
  gemeente: municipalityName().meta({ description: 'De gemeente van de regio waarheen het huishouden verhuisde.' }),
  toelichting: text(2000),
});

export const splitParams = z.object({ id: z.uuid(), berichtId: z.uuid() });
