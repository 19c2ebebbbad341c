/** Access-log rows for tests that append to the log directly (packages/db), without the service. */
import type { AccessLogEntry } from '@veilig-samen/db';

export const TEST_AUDIT_KEY = { id: 'k1', secret: 'test-audit-key-with-enough-length-0000' };

/** One allowed read of a case (or of none) by a case manager, told apart by its request id. */
export function logEntry(requestId: string, caseId: string | null = null, memberIds: string[] = []): AccessLogEntry {
  return {
    at: new Date('2026-01-01T10:00:00Z'),
    actorSub: 'mw-001',
    actorOrganisation: 'Wijkteam',
    actorRole: 'lokaal-team',
    onBehalfOf: null,
    caseId,
    memberIds,
    action: 'GET /v1/casussen/:id',
    result: 'toegestaan',
    status: 200,
    purpose: 'regie',
    breakGlass: false,
    requestId,
  };
}
