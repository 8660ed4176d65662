import { insertFeishuTask, type ClaimedFeishuTask } from '../db/feishu-tasks.js';
import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import { enqueueMessage } from './outbox.js';

// Slow Feishu work (uploading an export, downloading a sent spreadsheet, looking the roster up) never
// runs inside an event's transaction: there it would hold the database (on SQLite, everyone's) for
// as long as Feishu takes. The event writes a task row and answers at once; the task runner does the
// work after the commit and sends the result, or one clear failure message, in reply to the asking
// message.

export type FeishuTask = ClaimedFeishuTask;

/** Writes, after a successful run, what the task produced: rows and messages, in one transaction. */
type TaskCommit = (tx: Deps) => Promise<void>;

/** One kind of task: what it does, and what the asker is told when it cannot be done. */
export interface TaskWork {
  /** The slow part, outside any transaction: Feishu calls and reads. Throws a UserError for bad input. */
  run(task: FeishuTask, deps: Deps): Promise<TaskCommit>;
  /**
   * The failure message: `reason` is a UserError's text (the input was bad), or undefined when
   * Feishu did not answer in time on any try.
   */
  failure(task: FeishuTask, reason: string | undefined): string;
}

export type TaskTable = Record<string, TaskWork>;

/** Task rows written by this process so far: a runner that has seen fewer looks after the next commit. */
let queuedHere = 0;

export function tasksQueuedHere(): number {
  return queuedHere;
}

/**
 * Records a task in the event's transaction (a second request with the same key is a no-op). The
 * runner starts it right after the commit; a crash before then leaves the row, which any instance
 * picks up at its next look.
 */
export async function queueFeishuTask(
  db: Db,
  t: {
    requestKey: string;
    kind: string;
    input: unknown;
    actor: { id?: number | null; openId?: string | null } | null;
    senderOpenId: string;
    chatId: string;
    messageId: string;
  },
): Promise<boolean> {
  const inserted = await insertFeishuTask(db, {
    requestKey: t.requestKey,
    kind: t.kind,
    input: t.input,
    actorId: t.actor?.id ?? null,
    actorOpenId: t.actor?.openId ?? t.senderOpenId,
    chatId: t.chatId,
    messageId: t.messageId,
  });
  if (inserted) queuedHere++;
  return inserted;
}

/**
 * A task's result or note, in reply to the asking message, or in the 1:1 chat of `privatelyTo` (an
 * open_id) when it carries contact details; `part` keeps each one to a single send.
 */
export async function replyToTask(
  db: Db,
  task: FeishuTask,
  part: string,
  m: { msgType: 'text' | 'interactive' | 'file'; content: unknown },
  privatelyTo?: string,
): Promise<void> {
  await enqueueMessage(db, {
    dedupKey: `task-${part}:${task.id}`,
    to: privatelyTo
      ? { type: 'open_id', id: privatelyTo }
      : { type: 'reply', messageId: task.messageId, chatId: task.chatId },
    ...m,
  });
}
