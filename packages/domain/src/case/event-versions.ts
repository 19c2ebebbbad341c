/**
 * Events stored by an older release, in today's shape: the counterpart of
 * snapshot-versions.ts for the event log, which is never rewritten (its
 * trigger refuses). Applied where stored events are replayed or shown, so a
 * log from before a change reads as if written today.
 *
 * Issue 17 point 1: members were named with one string (`naam`). Members in
 * `casus.geopend` and `lid.toegevoegd` get the name parts (split where
 * unambiguous, else kept whole in `geslachtsnaam`: names.ts), and a
 * correction that named `naam` changes all three parts. The display name is
 * always the name as it was entered.
 */
import type { StoredCaseEvent } from './events.js';
import { namePartsOfChange, withNameParts } from './names.js';

export function upcastEvent(event: StoredCaseEvent): StoredCaseEvent {
  switch (event.type) {
    case 'casus.geopend':
      return event.leden.every((lid) => 'geslachtsnaam' in lid) ? event : { ...event, leden: event.leden.map((lid) => withNameParts(lid)) };
    case 'lid.toegevoegd':
      return 'geslachtsnaam' in event.lid ? event : { ...event, lid: withNameParts(event.lid) };
    case 'lid.gecorrigeerd': {
      const { naam: _naam, ...wijzigingen } = namePartsOfChange(event.wijzigingen);
      return event.wijzigingen.naam === undefined ? event : { ...event, wijzigingen };
    }
    default:
      return event;
  }
}
