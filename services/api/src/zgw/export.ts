/** The use-case behind GET /v1/casussen/{id}/zgw: read the case as the caller may see it, then map it (zaak.ts). */
import { membersFor, restoreCase, type Caller } from '@veilig-samen/domain';
import type { ZgwSettings } from '../config.js';
import { viewerOf } from '../cases/access.js';
import { casePhaseHistory, readCase, type CaseDeps, type CaseRead } from '../cases/use-cases.js';
import { zaakOf, zgwErrors } from './zaak.js';

export interface ZgwExportDeps extends CaseDeps {
  readonly zgw: ZgwSettings | undefined;
  readonly retentionYears: number;
}

/** The zaak, its statuses and roles; `read` is the case as read (for the access log: its members). */
export async function zgwExportOf(deps: ZgwExportDeps, caller: Caller, caseId: string): Promise<{ readonly read: CaseRead; readonly memberIds: string[]; readonly export: ReturnType<typeof zaakOf> }> {
  const read = await readCase(deps, caller, caseId);
  if (!deps.zgw) throw zgwErrors.notConfigured();
  const snapshot = restoreCase(read.row.state);
  // Not the members who refused or withdrew consent to share with the caller (issue 17 point 6).
  const members = membersFor(snapshot.context.leden, viewerOf(caller, read.row, read.access));
  const history = await casePhaseHistory(deps, read.row.id);
  const zaak = zaakOf({ snapshot, municipality: read.row.municipality, members, history, municipalities: deps.municipalities, zgw: deps.zgw, retentionYears: deps.retentionYears });
  return { read, memberIds: members.map((member) => member.id), export: zaak };
}
