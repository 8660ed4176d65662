// A synthetic district for the bench: the plan's 15 squads plus 35 department squads (50), ten years
// (2009–2018) of projects, trips, visits, leads and monthly reports. Raw multi-row INSERTs through
// better-sqlite3 in one transaction: ~150k rows in a few seconds.
import Database from 'better-sqlite3';
import { comparedName } from '../src/db/leads.js';

export interface Sizes {
  squads: number;
  years: number;
  visits: number;
  leads: number;
  projects: number;
}

const DEFAULT_SIZES: Sizes = { squads: 50, years: 10, visits: 100_000, leads: 20_000, projects: 5_000 };

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same district. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function insertMany(db: Database.Database, table: string, cols: string[], rows: unknown[][]): void {
  const per = Math.floor(30_000 / cols.length); // stay under SQLite's 32766 bound parameters
  const q = (n: number) =>
    `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(',')}) ` +
    `VALUES ${Array.from({ length: n }, () => `(${cols.map(() => '?').join(',')})`).join(',')}`;
  const full = db.prepare(q(per));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    (chunk.length === per ? full : db.prepare(q(chunk.length))).run(...chunk.flat());
  }
}

export function buildDistrict(file: string, sizes: Sizes = DEFAULT_SIZES, lastYear = 2018): Record<string, number> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const r = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const day = (year: number) => {
    const d = new Date(Date.UTC(year, 0, 1) + Math.floor(r() * 365) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const firstYear = lastYear - sizes.years + 1;
  const years = Array.from({ length: sizes.years }, (_, i) => firstYear + i);
  const now = new Date().toISOString();
  const tx = db.transaction(() => {
    const unitId = (db.prepare('SELECT id FROM "Unit" ORDER BY id LIMIT 1').get() as { id: number }).id;
    const personId = (db.prepare('SELECT id FROM "Person" ORDER BY id LIMIT 1').get() as { id: number }).id;
    const have = (db.prepare('SELECT COUNT(*) AS n FROM "Squad"').get() as { n: number }).n;
    const extra = Array.from({ length: Math.max(0, sizes.squads - have) }, (_, i) => [
      `BENCH_${i}`,
      `区直部门招商小分队${i + 1}`,
      'DEPARTMENT',
      100 + i,
      unitId,
    ]);
    insertMany(db, 'Squad', ['code', 'name', 'kind', 'sortOrder', 'leadUnitId'], extra);
    const squads = (db.prepare('SELECT id FROM "Squad"').all() as { id: number }[]).map((s) => s.id);
    const quotas: unknown[][] = [];
    for (const y of years)
      for (const s of squads)
        for (const [m, t] of [
          ['SIGNED_PROJECTS', 2],
          ['SIGNED_INVESTMENT', 50000],
          ['FUNDS_IN_PLACE', 50000],
          ['TRIPS', 4],
          ['VISITS', 24],
          ['LEADS', 12],
        ] as const) {
          if (y === lastYear && s <= have) continue; // the plan's own quotas for the last year are seeded
          quotas.push([y, s, m, t]);
        }
    insertMany(db, 'Quota', ['year', 'squadId', 'metric', 'target'], quotas);
    const projects: unknown[][] = [];
    for (let i = 0; i < sizes.projects; i++) {
      const y = pick(years);
      const signed = r() < 0.7 ? day(y) : null;
      const started =
        signed && r() < 0.6 ? signed.replace(/^\d{4}/, String(Math.min(lastYear, y + (r() < 0.5 ? 0 : 1)))) : null;
      const stage = started ? 'STARTED' : signed ? 'SIGNED' : 'NEGOTIATING';
      const packaged = r() < 0.2;
      projects.push([
        `p${i}`,
        `项目${i}`,
        pick(squads),
        stage,
        Math.round(r() * 80000),
        signed,
        started,
        r() < 0.2 ? 1 : 0,
        packaged ? 1 : 0,
        packaged ? day(y) : null,
        now,
      ]);
    }
    insertMany(
      db,
      'Project',
      [
        'requestKey',
        'name',
        'squadId',
        'stage',
        'investment',
        'signedOn',
        'startedOn',
        'strategicEmerging',
        'packaged',
        'packagedOn',
        'updatedAt',
      ],
      projects,
    );
    const pids = db.prepare('SELECT id, signedOn FROM "Project" WHERE signedOn IS NOT NULL').all() as {
      id: number;
      signedOn: string;
    }[];
    insertMany(
      db,
      'ProjectStageChange',
      ['requestKey', 'projectId', 'toStage', 'on', 'fundsInPlace', 'foreignCapitalUsd'],
      pids.map((p) => [`c${p.id}`, p.id, 'SIGNED', p.signedOn, Math.round(r() * 20000), Math.round(r() * 200)]),
    );
    insertMany(
      db,
      'ProjectTask',
      ['projectId', 'title', 'dueOn', 'status'],
      pids.slice(0, 2000).map((p, i) => [p.id, `事项${i}`, day(lastYear), r() < 0.5 ? 'OPEN' : 'DONE']),
    );
    const trips: unknown[][] = [];
    const nTrips = Math.ceil(sizes.visits / 6);
    for (let i = 0; i < nTrips; i++)
      trips.push([
        `t${i}`,
        pick(squads),
        personId,
        'SECTION',
        '苏州',
        day(pick(years)),
        '2018-01-01',
        r() < 0.8 ? 'REPORTED' : 'APPROVED',
        r() < 0.2 ? 1 : 0,
        personId,
        now,
      ]);
    insertMany(
      db,
      'Trip',
      [
        'requestKey',
        'squadId',
        'travellerId',
        'rank',
        'destination',
        'startDate',
        'endDate',
        'status',
        'shortOfRule',
        'createdById',
        'updatedAt',
      ],
      trips,
    );
    const tripRows = db.prepare('SELECT id, squadId, startDate FROM "Trip"').all() as {
      id: number;
      squadId: number;
      startDate: string;
    }[];
    const visits: unknown[][] = [];
    for (let i = 0; i < sizes.visits; i++) {
      const t = tripRows[i % tripRows.length]!;
      visits.push([t.id, t.squadId, t.startDate, `客商${i}`, `企业${i}`, personId]);
    }
    insertMany(db, 'Visit', ['tripId', 'squadId', 'visitedOn', 'contactName', 'company', 'createdById'], visits);
    const leads: unknown[][] = [];
    for (let i = 0; i < sizes.leads; i++)
      leads.push([
        `l${i}`,
        `bench-company-${i}`,
        comparedName(`bench-company-${i}`),
        comparedName(`bench-company-${i}`).length,
        `线索企业${i}`,
        pick(squads),
        'VISIT',
        personId,
        day(pick(years)),
        pick(['OPEN', 'OPEN', 'CONVERTED', 'DROPPED']),
      ]);
    insertMany(
      db,
      'Lead',
      [
        'requestKey',
        'companyKey',
        'nameKey',
        'nameLength',
        'company',
        'squadId',
        'source',
        'ownerId',
        'createdOn',
        'status',
      ],
      leads,
    );
    const reports: unknown[][] = [];
    for (const y of years)
      for (let m = 1; m <= 12; m++)
        for (const s of squads) {
          const month = `${y}-${String(m).padStart(2, '0')}`;
          if (month >= `${lastYear}-06`) continue;
          if (r() < 0.9) reports.push([s, month, 'SUBMITTED', r() < 0.1 ? 1 : 0, now]);
        }
    insertMany(db, 'MonthlyReport', ['squadId', 'month', 'status', 'late', 'updatedAt'], reports);
  });
  tx();
  const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
  const out = Object.fromEntries(
    ['Squad', 'Project', 'Trip', 'Visit', 'Lead', 'MonthlyReport', 'Quota'].map((t) => [t, count(t)]),
  );
  db.close();
  return out;
}
