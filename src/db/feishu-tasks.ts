import type { Db } from './client.js';

// The FeishuTask table: slow Feishu work an event asked for, written in the event's transaction and
// done afterwards by the task runner (feishu/task-runner.ts). A task is claimed with a conditional
// update and a lease, and every later change checks that the claim is still this one's.

export interface NewFeishuTask {
  requestKey: string;
  kind: string;
  input: unknown;
  actorId: number | null;
  actorOpenId: string;
  chatId: string;
  messageId: string;
}

/** A task as the runner holds it: `attempts` counts this claim. */
export interface ClaimedFeishuTask extends Omit<NewFeishuTask, 'requestKey'> {
  id: number;
  attempts: number;
}

/** Writes the task (in the caller's transaction); false when one with this requestKey exists already. */
export async function insertFeishuTask(db: Db, t: NewFeishuTask): Promise<boolean> {
  if (await db.feishuTask.findUnique({ where: { requestKey: t.requestKey }, select: { id: true } })) return false;
  await db.feishuTask.create({ data: { ...t, input: JSON.stringify(t.input) } });
  return true;
}

/** Due now: waiting for its (next) try, or claimed by an instance whose lease ran out. */
const due = (now: Date) => ({
  OR: [
    { status: 'PENDING', nextAttemptAt: { lte: now } },
    { status: 'RUNNING', lockedUntil: { lt: now } },
  ],
});

/** The id of a task due now, if any (a plain read: nothing is claimed). */
export async function findDueFeishuTask(db: Db, now: Date): Promise<number | undefined> {
  const row = await db.feishuTask.findFirst({ where: due(now), orderBy: { id: 'asc' }, select: { id: true } });
  return row?.id;
}

/**
 * Claims that task for `owner` until `until` if it is still due (another instance may have taken
 * it since it was found: PostgreSQL re-checks the condition on the locked row). Each claim counts
 * as an attempt.
 */
export async function claimFeishuTask(
  db: Db,
  id: number,
  o: { owner: string; now: Date; until: Date },
): Promise<ClaimedFeishuTask | undefined> {
  const { count } = await db.feishuTask.updateMany({
    where: { id, ...due(o.now) },
    data: { status: 'RUNNING', lockedBy: o.owner, lockedUntil: o.until, attempts: { increment: 1 } },
  });
  if (count !== 1) return undefined;
  const t = await db.feishuTask.findUniqueOrThrow({ where: { id } });
  return {
    id: t.id,
    kind: t.kind,
    input: JSON.parse(t.input) as unknown,
    actorId: t.actorId,
    actorOpenId: t.actorOpenId,
    chatId: t.chatId,
    messageId: t.messageId,
    attempts: t.attempts,
  };
}

/** The conditions under which `owner` still holds its claim of the task. */
const held = (t: ClaimedFeishuTask, owner: string) => ({
  id: t.id,
  status: 'RUNNING',
  lockedBy: owner,
  attempts: t.attempts,
});

/** Ends the task as DONE or FAILED; false when the claim was lost (the lease ran out and another took it). */
export async function finishFeishuTask(
  db: Db,
  t: ClaimedFeishuTask,
  o: { owner: string; status: 'DONE' | 'FAILED'; error?: string; now: Date },
): Promise<boolean> {
  const { count } = await db.feishuTask.updateMany({
    where: held(t, o.owner),
    data: { status: o.status, lastError: o.error ?? null, finishedAt: o.now, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}

/** Puts the task back to wait for another try at `at`; false when the claim was lost. */
export async function retryFeishuTask(
  db: Db,
  t: ClaimedFeishuTask,
  o: { owner: string; at: Date; error: string },
): Promise<boolean> {
  const { count } = await db.feishuTask.updateMany({
    where: held(t, o.owner),
    data: { status: 'PENDING', nextAttemptAt: o.at, lastError: o.error, lockedBy: null, lockedUntil: null },
  });
  return count === 1;
}
