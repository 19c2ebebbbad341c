import { problem } from '@veilig-samen/contracts';

/** Problem responses for a route's OpenAPI entry (401 and 403 are added for every protected route). */
export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries(statuses.map((status) => [status, problem]));
}
