import type { ProjectStage } from './vocabulary.js';

// Projects entered from the office's spreadsheet (history: signed before the bot was in use). Each
// row is one project of a squad, matched on re-import by its name and squad.

export interface ProjectImportRow {
  name: string;
  squadId: number;
  squadName: string;
  company: string;
  sector: string;
  investment: number;
  fundsInPlace: number;
  foreignCapitalUsd: number;
  signedOn: string;
  startedOn: string | null;
  producingOn: string | null;
  atTargetOn: string | null;
  strategicEmerging: boolean;
  majorProject: boolean;
  /** The spreadsheet row it came from (as Excel numbers it), for messages. */
  sheetRow?: number;
}

const IMPORT_DATE_FIELDS = ['signedOn', 'startedOn', 'producingOn', 'atTargetOn'] as const;
type DateField = (typeof IMPORT_DATE_FIELDS)[number];

const STAGE_OF: Record<DateField, ProjectStage> = {
  signedOn: 'SIGNED',
  startedOn: 'STARTED',
  producingOn: 'PRODUCING',
  atTargetOn: 'AT_TARGET',
};

/** The stage a project's dates put it in: the last stage with a date. */
export function stageOfDates(r: Record<DateField, string | null>): ProjectStage {
  let stage: ProjectStage = 'SIGNED';
  for (const f of IMPORT_DATE_FIELDS) if (r[f]) stage = STAGE_OF[f];
  return stage;
}

/**
 * Problems with a row's stage dates, per field: each date needs the one before it, and none may be
 * earlier than the one before it or later than today.
 */
export function stageDateProblems(
  r: Record<DateField, string | null>,
  today: string,
  labels: Record<DateField, string>,
): Partial<Record<DateField, string>> {
  const out: Partial<Record<DateField, string>> = {};
  let prev: DateField | null = null;
  for (const f of IMPORT_DATE_FIELDS) {
    const v = r[f];
    if (v && v > today) out[f] = `不能晚于今天（${today}）`;
    else if (v && prev && !r[prev]) out[f] = `填了${labels[f]}，也要填${labels[prev]}`;
    else if (v && prev && r[prev] && v < r[prev]!) out[f] = `不能早于${labels[prev]}（${r[prev]}）`;
    prev = f;
  }
  return out;
}

/** Same project, same figures: a re-import of an unchanged row changes nothing. */
export function sameImportRow(a: ProjectImportRow, b: ProjectImportRow): boolean {
  return (
    a.company === b.company &&
    a.sector === b.sector &&
    a.investment === b.investment &&
    a.fundsInPlace === b.fundsInPlace &&
    a.foreignCapitalUsd === b.foreignCapitalUsd &&
    IMPORT_DATE_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null)) &&
    a.strategicEmerging === b.strategicEmerging &&
    a.majorProject === b.majorProject
  );
}
