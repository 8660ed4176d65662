import { recordAudit } from './audit-trail.js';
import fs from 'node:fs';
import { z } from 'zod';
import { CALENDAR_KINDS, isIsoDate, type CalendarKind, type WorkCalendar } from '../domain/working-days.js';
import type { Db } from './client.js';
import { projectFile } from './project-files.js';

/** prisma/calendar-cn.json: the State Council's holidays and adjusted working days. */
const CALENDAR_FILE = projectFile('prisma', 'calendar-cn.json');

const CalendarFile = z.object({
  days: z.array(
    z.object({
      date: z.string().refine(isIsoDate, 'date must be YYYY-MM-DD'),
      kind: z.enum(CALENDAR_KINDS),
      name: z.string(),
    }),
  ),
});

/**
 * Adds the file's days that are not in the database yet. Idempotent, and it never overwrites a day
 * that exists: the office may have corrected it with /calendar add. Returns how many were added.
 */
export async function seedCalendar(db: Db, file: string = CALENDAR_FILE): Promise<number> {
  const parsed = CalendarFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const have = new Set((await db.calendarDay.findMany({ select: { date: true } })).map((d) => d.date));
  const missing = parsed.days.filter((d) => !have.has(d.date));
  if (missing.length === 0) return 0;
  let added = 0;
  for (const d of missing) {
    // Another instance starting at the same moment may insert the same day: skip it then.
    const res = await db.calendarDay.upsert({ where: { date: d.date }, create: d, update: {} }).catch(() => null);
    if (res) added++;
  }
  return added;
}

/** The whole calendar as the domain functions want it (a few hundred rows at most). */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const rows = await db.calendarDay.findMany();
  return new Map(rows.map((r) => [r.date, r.kind as CalendarKind]));
}

export async function listCalendarDays(db: Db, year: number): Promise<{ date: string; kind: string; name: string }[]> {
  return db.calendarDay.findMany({ where: { date: { startsWith: `${year}-` } }, orderBy: { date: 'asc' } });
}

/** The office adds or corrects a day; the change is audited with what it was before. */
export async function setCalendarDay(
  db: Db,
  day: { date: string; kind: CalendarKind; name: string },
  actor: { id: number; openId: string },
): Promise<{ before: { kind: string; name: string } | null }> {
  const before = await db.calendarDay.findUnique({ where: { date: day.date } });
  await db.calendarDay.upsert({ where: { date: day.date }, create: day, update: { kind: day.kind, name: day.name } });
  await recordAudit(db, actor, 'calendar.set', 'CalendarDay', day.date, {
    before: before ? { kind: before.kind, name: before.name } : null,
    after: { kind: day.kind, name: day.name },
  });
  return { before: before ? { kind: before.kind, name: before.name } : null };
}

export async function removeCalendarDay(db: Db, date: string, actor: { id: number; openId: string }): Promise<boolean> {
  const before = await db.calendarDay.findUnique({ where: { date } });
  if (!before) return false;
  await db.calendarDay.delete({ where: { date } });
  await recordAudit(db, actor, 'calendar.remove', 'CalendarDay', date, { before });
  return true;
}
