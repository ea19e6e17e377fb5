// The conflict round trip: ask the server with `ask`; when names clash, ask the person and send the same request again with their answer.
import type { Conflict, ConflictPolicy } from '../../server/files.types';

export type Answer = Exclude<ConflictPolicy, 'ask'>;

/** Calls `call('ask')`; on clashes asks `ask` (null: cancelled → null) and calls again with that policy. */
export async function withConflicts<R extends object>(
  call: (policy: ConflictPolicy) => Promise<{ conflicts: Conflict[] } | R>,
  ask: (conflicts: Conflict[]) => Promise<Answer | null>,
): Promise<R | null> {
  const first = await call('ask');
  if (!('conflicts' in first)) return first;
  if (first.conflicts.length === 0) return null;
  const answer = await ask(first.conflicts);
  if (!answer) return null;
  const second = await call(answer);
  return 'conflicts' in second ? null : second;
}

/** A request id for one user action (reused when the same action is sent again after a question). */
export function newRequestId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
