/** The coordinator page's expert meeting in a browser (issue 18 point 3): shared steps of the e2e tests. */
import type { Page } from 'playwright-core';

/** Today's date in Nijmegen (YYYY-MM-DD): a meeting can be started on its day only. */
export function todayInAmsterdam(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A date `days` after today in Nijmegen (YYYY-MM-DD). */
export function daysFromToday(days: number): string {
  const [year, month, day] = todayInAmsterdam().split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

export interface OutcomeFields {
  readonly household: 'Ja' | 'Nee' | 'Deels';
  readonly expertByExperience: boolean;
  readonly mandate: boolean;
  readonly score: string;
  readonly actions: readonly [string, string, string];
  readonly lifeDomains: readonly string[];
  readonly intensity: 'Licht' | 'Midden' | 'Intensief';
  readonly lead?: string;
  readonly nextReview: string;
}

/** Fills the outcome form's fields beyond participants, decisions and agreements (the first agenda item's form). */
export async function fillOutcomeDetails(page: Page, fields: OutcomeFields): Promise<void> {
  await page.getByLabel(fields.household, { exact: true }).first().check();
  if (fields.expertByExperience) await page.getByLabel('Ervaringsdeskundige aanwezig').first().check();
  if (fields.mandate) await page.getByLabel('Iemand met mandaat van de gemeente aanwezig').first().check();
  await page.getByLabel('Score (0-10)').first().fill(fields.score);
  for (const [index, action] of fields.actions.entries()) await page.getByLabel(`Actie ${index + 1}`, { exact: true }).first().fill(action);
  for (const domain of fields.lifeDomains) await page.getByLabel(domain, { exact: true }).first().check();
  await page.getByLabel('Intensiteit van de opvolging').first().selectOption({ label: fields.intensity });
  if (fields.lead) await page.getByLabel(/^Regie MDA\+\+-traject/).first().fill(fields.lead);
  await page.getByLabel('Volgende bespreking').first().fill(fields.nextReview);
}
