import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';

export class DuplicateEvent extends Error {
  constructor(readonly eventId: string) {
    super('duplicate event ' + eventId);
  }
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'P2002' || /unique constraint/i.test(err?.message ?? '');
}

/**
 * Runs `work` once per Feishu event id: the id is written to a unique row in the same transaction
 * as everything the work writes, so a re-delivery (here, after a restart, or at another instance)
 * finds it and changes nothing, and a crash mid-way leaves no trace and the retry does it all.
 */
export async function onceForEvent<T>(deps: Deps, eventId: string, type: string, work: (tx: Deps) => Promise<T>): Promise<T> {
  try {
    const out = await deps.db.$transaction(
      async (tx) => {
        await tx.processedEvent.create({ data: { eventId, type } });
        return work({ ...deps, db: tx as unknown as Db });
      },
      { maxWait: 5_000, timeout: 10_000 },
    );
    deps.kickSender();
    return out;
  } catch (e) {
    if (isUniqueViolation(e) && (await deps.db.processedEvent.findUnique({ where: { eventId } }))) throw new DuplicateEvent(eventId);
    throw e;
  }
}
