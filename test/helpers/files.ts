// Files in chat: a user sending a spreadsheet to the bot, and the files the bot sent back.
import ExcelJS from 'exceljs';
import type { TestBot } from './app.js';
import { fixture, newEventId } from './feishu.js';

/** The p2p file fixture, from this person, with these bytes stored in the sandbox under a new file_key. */
export async function fileMessage(
  bot: TestBot,
  name: string,
  bytes: Buffer,
  fileName: string,
): Promise<Record<string, any>> {
  const e = fixture('events/im.message.receive_v1.p2p-file.json');
  const openId = await bot.openIdOf(name);
  const fileKey = bot.sb.putUserFile(bytes, fileName);
  e.header.event_id = newEventId('evt_file');
  e.event.message.message_id = 'om_' + e.header.event_id;
  e.event.sender.sender_id.open_id = openId;
  e.event.message.chat_id = `oc_p2p_${openId}`;
  e.event.message.content = JSON.stringify({ file_key: fileKey, file_name: fileName });
  return e;
}

/**
 * Runs tasks and flushes until nothing is waiting: a file and its note go to one chat, and the sandbox holds
 * Feishu's 5-messages-per-second limit, so a fast test's replies may be retried a moment later.
 */
export async function settle(bot: TestBot): Promise<void> {
  for (let i = 0; i < 50; i++) {
    // Exports, templates and imports are tasks run after the event's commit: run them, then deliver.
    await bot.tasks.drain();
    await bot.flush();
    const waiting =
      (await bot.database.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) +
      (await bot.database.prisma.feishuTask.count({ where: { status: { in: ['PENDING', 'RUNNING'] } } }));
    if (waiting === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('outbox did not drain');
}

/** Replies the bot sent to one message (after a flush), oldest first. */
export function repliesTo(bot: TestBot, messageId: string) {
  return bot.sb.state.messages.filter((m) => m.parent_id === messageId);
}

/** The bytes of the file the bot sent in reply to a message. */
export function fileRepliedTo(bot: TestBot, messageId: string): { bytes: Buffer; fileName: string } {
  const m = repliesTo(bot, messageId).find((x) => x.msg_type === 'file');
  if (!m) throw new Error('no file reply to ' + messageId);
  const f = bot.sb.file((m.content as { file_key: string }).file_key);
  if (!f) throw new Error('file reply refers to an unknown file_key');
  return { bytes: f.bytes, fileName: f.fileName };
}

export function textRepliedTo(bot: TestBot, messageId: string): string {
  return repliesTo(bot, messageId)
    .filter((m) => m.msg_type === 'text')
    .map((m) => (m.content as { text: string }).text)
    .join('\n');
}

export async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
