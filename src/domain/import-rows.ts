import type { Metric, Rank, Role, SquadMemberRole } from './vocabulary.js';

// What a quota or roster spreadsheet is read into and checked against: the squads and units
// known to the database, and the quota and roster rows an import compares with what is stored.

export interface KnownSquad {
  id: number;
  name: string;
  kind: string;
  leadUnitName: string;
}

export interface QuotaRow {
  year: number;
  squadId: number;
  squadName: string;
  metric: Metric;
  target: number;
}

export interface KnownUnit {
  id: number;
  name: string;
}

export interface RosterPerson {
  name: string;
  unitId: number;
  unitName: string;
  title: string | null; // null: the file has no 职务 column, keep what is stored
  rank: Rank | null;
  mobile: string | null;
  email: string | null;
  roles: Role[];
  squads: { squadId: number; role: SquadMemberRole }[];
  leaderOf: number[];
}

/** One district goal (section 一 of the plan): a quota metric, or COMMENCEMENT_RATE_<year> as a fraction. */
export interface GoalRow {
  year: number;
  metric: string;
  target: number;
}

/** A unit as the org sheet reads it; a negative id is a unit the file adds (numbered within the file). */
export interface OrgUnitRow {
  id: number;
  code: string | null;
  name: string;
  kind: 'DEPARTMENT' | 'TOWN' | 'OFFICE' | 'PARK';
}

/** A squad as the org sheet reads it; a negative id is a squad the file adds; unit ids as in OrgUnitRow. */
export interface OrgSquadRow {
  id: number;
  code: string | null;
  name: string;
  kind: 'INDUSTRY' | 'TOWN' | 'DEPARTMENT';
  sortOrder: number;
  leadUnitId: number;
  partnerUnitIds: number[];
  focusSectors: string[];
  /** 撤销: kept with its history, left out of new forms and later rankings */
  retired: boolean;
}

/** What the roster workbook carries: each part null when its sheet is not in the file (left as it is). */
export interface RosterPayload {
  units: OrgUnitRow[] | null;
  squads: OrgSquadRow[] | null;
  people: RosterPerson[] | null;
}
