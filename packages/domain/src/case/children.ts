/**
 * The children of a household (issue 17 point 8): members with relatie
 * `kind`. Per child the case records whether a professional spoke with them
 * (the date), whether trauma screening was weighed (done, with the
 * instrument such as CRIES-13 and the date, or not needed, with the reason),
 * and the Handle with Care signal to the school after a police-involved
 * incident (seeds 000, 002, 004: "within 24 hours, a signal, never case
 * content").
 *
 * A Handle with Care signal is due for every child of the household when an
 * incident reported by the police (`bron: politie`, which every inbound
 * police message is) is recorded; it stays due, from the earliest such
 * incident, until a record says it was sent at or after that incident, or
 * that none applies (the child goes to no school or day care). The
 * werkvoorraad shows it until then (work-items.ts), due 24 hours after the
 * incident.
 */
import type { CaseEvent, ChildEvent } from './events.js';
import type { CaseContext, ChildFacts, Member } from './types.js';

/** How long after a police-involved incident the school must have had its signal. */
export const HANDLE_WITH_CARE_HOURS = 24;

export function isChild(member: Member): boolean {
  return member.relatie === 'kind';
}

export function isChildEvent(event: CaseEvent): event is ChildEvent {
  return event.type === 'kind.gesprek-vastgelegd' || event.type === 'kind.traumascreening-gewogen' || event.type === 'kind.handle-with-care-vastgelegd';
}

/** An incident the police were involved in: the children's schools get a Handle with Care signal. */
export function isPoliceIncident(event: CaseEvent): boolean {
  return event.type === 'incident.gemeld' && event.bron === 'politie';
}

/** What is recorded about a child (nothing yet: an empty record). */
export function childFactsOf(context: CaseContext, lidId: string): ChildFacts {
  return context.kinderen?.[lidId] ?? {};
}

/** The children of the household now, with what is recorded about each. */
export function childrenOf(context: CaseContext): { readonly lid: Member; readonly feiten: ChildFacts }[] {
  return context.leden.filter(isChild).map((lid) => ({ lid, feiten: childFactsOf(context, lid.id) }));
}

/** The moment a Handle with Care signal for this child became due (the police incident), or null when none is. */
export function handleWithCareDueSince(facts: ChildFacts): string | null {
  return facts.handleWithCareNodigSinds ?? null;
}

/**
 * The children's records after an event the machine accepted: a child event
 * records its fact; a police-involved incident makes a signal due for every
 * child that has none due yet (the earliest stays: it is the most urgent).
 * Undefined: the event changes nothing here.
 */
export function childrenAfter(context: CaseContext, event: CaseEvent): Readonly<Record<string, ChildFacts>> | undefined {
  const current = context.kinderen ?? {};
  if (isPoliceIncident(event) && event.type === 'incident.gemeld') {
    const due = context.leden.filter(isChild).filter((lid) => !handleWithCareDueSince(current[lid.id] ?? {}));
    if (due.length === 0) return undefined;
    return { ...current, ...Object.fromEntries(due.map((lid) => [lid.id, { ...current[lid.id], handleWithCareNodigSinds: event.datum }])) };
  }
  if (!isChildEvent(event)) return undefined;
  const facts = current[event.lidId] ?? {};
  const recorded = { vastgelegdOp: event.op, door: event.door.sub };
  switch (event.type) {
    case 'kind.gesprek-vastgelegd':
      return { ...current, [event.lidId]: { ...facts, gesprek: { datum: event.datum, ...recorded } } };
    case 'kind.traumascreening-gewogen':
      return { ...current, [event.lidId]: { ...facts, traumascreening: { ...event.screening, ...recorded } } };
    case 'kind.handle-with-care-vastgelegd': {
      const since = handleWithCareDueSince(facts);
      // A signal sent before the incident that made one due does not answer it; "none applies" does.
      const answers = event.signaal.uitkomst === 'niet-van-toepassing' || since === null || new Date(event.signaal.verstuurdOp).getTime() >= new Date(since).getTime();
      return { ...current, [event.lidId]: { ...facts, handleWithCare: { ...event.signaal, ...recorded }, handleWithCareNodigSinds: answers ? null : since } };
    }
  }
}
