/** Intake items as the API shows them (contracts in packages/contracts/src/intake.ts). */
import type { IntakeItemRow } from '@veilig-samen/db';
import { displayName, namePartsOf } from '@veilig-samen/domain';

const HOUR = 3_600_000;

export function intakeItemView(item: IntakeItemRow, now: Date) {
  const until = item.takenAt ?? now;
  return {
    id: item.id,
    soort: item.kind,
    gemeente: item.municipality,
    ontvangenOp: item.receivedAt.toISOString(),
    leeftijdInUren: Math.max(0, Math.floor((until.getTime() - item.receivedAt.getTime()) / HOUR)),
    berichten: item.messages.map((kept) => {
      const { personen, type, ...gegevens } = kept.bericht as { personen?: readonly Record<string, unknown>[]; type?: unknown };
      return {
        berichtId: kept.berichtId,
        type: String(type),
        ontvangenOp: kept.ontvangenOp,
        afzender: kept.afzender.organisatie,
        // The keys stay inside: a person is shown as the message told them, never with a BSN or its hash.
        personen: (personen ?? []).map((person) => ({
          // The display name, whether the message gave the name in parts or as one string.
          naam: nameOf(person),
          geboortedatum: typeof person.geboortedatum === 'string' ? person.geboortedatum : null,
          relatie: typeof person.relatie === 'string' ? person.relatie : null,
          betrokkenheid: Array.isArray(person.betrokkenheid) ? person.betrokkenheid.map(String) : [],
        })),
        gegevens,
      };
    }),
    vanGemeente: item.fromMunicipality,
    casusId: item.caseId,
    toegewezenAan: item.takenBy,
    toegewezenOp: item.takenAt?.toISOString() ?? null,
  };
}

/** A kept person's display name, or null when only a BSN named them. */
function nameOf(person: Readonly<Record<string, unknown>>): string | null {
  const text = (field: string) => (typeof person[field] === 'string' ? person[field] : undefined);
  const parts = namePartsOf({ voornamen: text('voornamen'), voorvoegsel: text('voorvoegsel'), geslachtsnaam: text('geslachtsnaam'), naam: text('naam') });
  return parts ? displayName(parts) : null;
}
