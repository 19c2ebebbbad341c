import { caseErrors } from '@veilig-samen/domain';

/**
 * The version a write expects, from If-Match. Required on every write
 * (428 without), so that nobody overwrites a change they have not seen.
 */
export function expectedVersion(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw caseErrors.ifMatchMissing();
  const match = /^"(\d{1,9})"$/.exec(header.trim());
  if (!match?.[1]) throw caseErrors.ifMatchInvalid();
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;
