/**
 * The werkvoorraad beside a case change: the signals a change makes for a
 * person (the domain's signalsFor) get their ids here, and each is also a
 * webhook `werkvoorraad.item` through the outbox, in the same transaction.
 * Signals made outside a case command (an attempt to open a second case,
 * the daily limit) are stored and announced through recordSignals.
 */
import { randomUUID } from 'node:crypto';
import { insertSignals, type CaseChangeSignal, type CaseRow, type Transaction } from '@veilig-samen/db';
import { signalNotification, type Actor, type Notification, type SignalAddressee, type SignalData, type SignalDraft, type SignalKind } from '@veilig-samen/domain';
import { enqueueMessages, enqueueNotifications } from './outbox.js';

/** The signals of a case change with their ids, and their webhooks (for the change's outbox). */
export function changeSignals(drafts: readonly SignalDraft[]): { readonly signals: CaseChangeSignal[]; readonly notifications: Notification[] } {
  const signals = drafts.map((draft) => ({ id: randomUUID(), kind: draft.kind, addresseeRole: draft.addressee, addresseeSub: draft.addresseeSub ?? null, dueAt: draft.dueAt, data: draft.data }));
  return { signals, notifications: signals.map((signal) => signalNotification({ ...signal, addressee: signal.addresseeRole })) };
}

/** A signal made outside a case command: about a case (for its regisseur) or about none (for a role of the municipality). */
export interface SignalToRecord {
  readonly kind: SignalKind;
  readonly addressee: SignalAddressee;
  readonly caseRow?: Pick<CaseRow, 'id' | 'municipality' | 'version'> | undefined;
  /** The municipality of a signal about no case. */
  readonly municipality: string;
  readonly dueAt: Date;
  readonly data?: SignalData;
}

/**
 * Stores the signals and writes their webhook deliveries in the caller's
 * transaction; `extra` are the case's other notifications of the same moment
 * (e.g. `casus.aanmaakpoging`), delivered before the item.
 */
export async function recordSignals(
  tx: Transaction,
  actor: Actor,
  signals: readonly SignalToRecord[],
  now: Date,
  extra: (row: Pick<CaseRow, 'id' | 'municipality' | 'version'>) => readonly Notification[] = () => [],
): Promise<string[]> {
  const rows = signals.map((signal) => ({ ...signal, id: randomUUID(), data: signal.data ?? {} }));
  await insertSignals(
    tx,
    rows.map((signal) => ({
      id: signal.id,
      kind: signal.kind,
      caseId: signal.caseRow?.id ?? null,
      caseVersion: signal.caseRow?.version ?? null,
      municipality: signal.caseRow?.municipality ?? signal.municipality,
      addresseeRole: signal.addressee,
      actorSub: actor.sub,
      actorOrganisation: actor.organisatie,
      actorRole: actor.rol,
      createdAt: now,
      dueAt: signal.dueAt,
      data: signal.data,
    })),
  );
  for (const signal of rows) {
    const notification = signalNotification({ ...signal, dueAt: signal.dueAt.toISOString() });
    if (signal.caseRow) {
      await enqueueNotifications(tx, signal.caseRow, [...extra(signal.caseRow), notification], now);
      continue;
    }
    // About no case: a delivery that names none (migration 0021), for the municipality's subscriptions.
    const payload = { type: notification.type, timestamp: now.toISOString(), data: { casusId: null, gemeente: signal.municipality, ...notification.data } };
    await enqueueMessages(tx, signal.municipality, null, [{ type: notification.type, payload }], now);
  }
  return rows.map((row) => row.id);
}
