import type ExcelJS from 'exceljs';
import type { Rank, Role, SquadMemberRole } from '../domain/vocabulary.js';
import type { KnownSquad, KnownUnit, RosterPerson } from '../domain/import-rows.js';
import { findSquad } from './quota-sheet.js';
import {
  addSheet,
  cellText,
  findHeaderRow,
  headersOf,
  isRowEmpty,
  newWorkbook,
  normalizeHeader,
  SheetErrors,
  type SheetProblem,
} from './workbook.js';

// The roster (名册): one row per person and squad. A person in two squads has two rows with the
// same 姓名 and 单位; org roles (组长, 办公室, …) may sit on any of their rows.

const ROSTER_SHEET = '名册';
const ROSTER_HEADERS = ['姓名', '单位', '小分队', '角色', '职级', '手机', '邮箱', '职务'] as const;
type RosterHeader = (typeof ROSTER_HEADERS)[number];

const SQUAD_ROLES: Record<string, SquadMemberRole | 'LEADER'> = { 队长: 'CAPTAIN', 队员: 'MEMBER', 责任领导: 'LEADER' };
const ORG_ROLE_LABELS: Partial<Record<Role, string>> = {
  GROUP_LEADER: '组长',
  DEPUTY_LEADER: '副组长',
  LEADER_IN_CHARGE: '分管领导',
  OFFICE: '办公室',
  OFFICE_ADMIN: '办公室管理员',
  HELPER: '帮办中心',
  ASSESSOR: '考核中心',
  REVIEWER: '预审单位',
  INSPECTOR: '督查室',
};
const RANK_LABELS: Record<Rank, string> = { DIVISION: '处级', SECTION: '科级' };

/** The roster as a workbook (the template is the same file). */
export function buildRosterWorkbook(people: RosterPerson[], squads: KnownSquad[]): ExcelJS.Workbook {
  const wb = newWorkbook();
  const squadName = new Map(squads.map((s) => [s.id, s.name]));
  const rows: (string | null)[][] = [];
  for (const p of people) {
    const org = p.roles.filter((r) => ORG_ROLE_LABELS[r]).map((r) => ORG_ROLE_LABELS[r]!);
    const links = [
      ...p.leaderOf.map((id) => ({ id, label: '责任领导' })),
      ...p.squads.map((s) => ({ id: s.squadId, label: s.role === 'CAPTAIN' ? '队长' : '队员' })),
    ];
    const leaderRoleAlone = p.roles.includes('RESPONSIBLE_LEADER') && p.leaderOf.length === 0 ? ['责任领导'] : [];
    const base = (squad: string, roles: string[]) => [
      p.name,
      p.unitName,
      squad,
      roles.join('、'),
      p.rank ? RANK_LABELS[p.rank] : '',
      p.mobile ?? '',
      p.email ?? '',
      p.title ?? '',
    ];
    if (links.length === 0) rows.push(base('', [...org, ...leaderRoleAlone]));
    for (const [i, l] of links.entries())
      rows.push(base(squadName.get(l.id) ?? '', i === 0 ? [l.label, ...org] : [l.label]));
  }
  addSheet(wb, {
    name: ROSTER_SHEET,
    title:
      '招商工作名册（一人多个小分队时写多行；角色：队长、队员、责任领导、组长、副组长、分管领导、办公室、办公室管理员、帮办中心、考核中心、预审单位、督查室，多个用“、”分隔）',
    headers: [...ROSTER_HEADERS],
    widths: [16, 14, 34, 22, 8, 14, 24, 30],
    rows,
  });
  return wb;
}

/** Reads the 名册 sheet (or the first sheet with a 姓名 header) into people; throws SheetErrors. */
export function parseRosterWorkbook(
  wb: ExcelJS.Workbook,
  units: KnownUnit[],
  squads: KnownSquad[],
  /** Squads retired (撤销): a row naming one is history, its squad role is left as it is stored. */
  retired: string[] = [],
): RosterPerson[] {
  const problems: SheetProblem[] = [];
  const ws = wb.worksheets.find((w) => findHeaderRow(w, ['姓名']) !== undefined);
  if (!ws)
    throw new SheetErrors([
      {
        sheet: wb.worksheets[0]?.name ?? ROSTER_SHEET,
        message:
          '找不到表头行（应有「姓名」「单位」「小分队」「角色」「职级」「手机」「邮箱」）。请使用 /template roster 的模板。',
      },
    ]);
  const headerRow = findHeaderRow(ws, ['姓名'])!;
  const cols = new Map<RosterHeader, number>();
  for (const [col, text] of headersOf(ws, headerRow)) {
    const h = ROSTER_HEADERS.find((x) => x === normalizeHeader(text));
    if (h) cols.set(h, col);
    else
      problems.push({
        sheet: ws.name,
        row: headerRow,
        column: text,
        message: `不认识这一列。名册的列为：${ROSTER_HEADERS.join('、')}`,
      });
  }
  for (const h of ['姓名', '单位'] as const)
    if (!cols.has(h)) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${h}」列` });
  if (problems.length) throw new SheetErrors(problems);

  const people = new Map<string, RosterPerson>();
  const captains = new Map<number, string>();
  const mobiles = new Map<string, string>();
  const used = [...cols.values()];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isRowEmpty(row, used)) continue;
    const get = (h: RosterHeader) => (cols.has(h) ? cellText(row.getCell(cols.get(h)!)) : '');
    const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
    const name = get('姓名');
    const unitText = get('单位');
    if (!name) at('姓名', '不能为空');
    const unit = units.find(
      (u) =>
        normalizeHeader(u.name) === normalizeHeader(unitText) ||
        normalizeHeader(u.name) === normalizeHeader(unitText).replace(/^区/, ''),
    );
    if (!unitText) at('单位', '不能为空');
    else if (!unit) at('单位', `没有名为「${unitText}」的单位；请使用名册中已有的单位名称`);
    const squadText = get('小分队');
    const squad = squadText ? findSquad(squads, squadText) : undefined;
    const ofRetired = !squad && retired.some((n) => normalizeHeader(n) === normalizeHeader(squadText));
    if (squadText && !squad && !ofRetired) at('小分队', `没有名为「${squadText}」的小分队`);
    const rankText = get('职级');
    const rank = rankText
      ? ((Object.entries(RANK_LABELS).find(([, l]) => l === rankText)?.[0] as Rank | undefined) ?? null)
      : null;
    if (rankText && !rank) at('职级', `应为「处级」或「科级」（或留空）；现在是「${rankText}」`);
    const mobile = get('手机') || null;
    if (mobile && !/^1\d{10}$/.test(mobile)) at('手机', `应为 11 位手机号；现在是「${mobile}」`);
    const email = get('邮箱') || null;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) at('邮箱', `邮箱格式不对：「${email}」`);
    if (!name || !unit) continue;

    const key = `${name}|${unit.id}`;
    let p = people.get(key);
    if (!p) {
      p = {
        name,
        unitId: unit.id,
        unitName: unit.name,
        title: cols.has('职务') ? get('职务') : null,
        rank,
        mobile,
        email,
        roles: [],
        squads: [],
        leaderOf: [],
      };
      people.set(key, p);
    } else {
      for (const [label, a, b] of [
        ['职级', p.rank, rank],
        ['手机', p.mobile, mobile],
        ['邮箱', p.email, email],
      ] as const) {
        if (b !== null && a !== null && a !== b) at(label, `与同一人前面一行的${label}不一致（${a} / ${b}）`);
      }
      p.rank ??= rank;
      p.mobile ??= mobile;
      p.email ??= email;
    }
    if (mobile) {
      const owner = mobiles.get(mobile);
      if (owner && owner !== key) at('手机', `手机号 ${mobile} 已属于「${owner.split('|')[0]}」：每人的手机号应不同`);
      else mobiles.set(mobile, key);
    }
    for (const token of get('角色')
      .split(/[、,，;；\s]+/)
      .filter(Boolean)) {
      const squadRole = SQUAD_ROLES[token];
      const orgRole =
        (Object.entries(ORG_ROLE_LABELS).find(([, l]) => l === token)?.[0] as Role | undefined) ?? undefined;
      if (squadRole === 'LEADER') {
        addOnce(p.roles, 'RESPONSIBLE_LEADER');
        if (squad) addOnce(p.leaderOf, squad.id);
      } else if (squadRole) {
        if (ofRetired) continue;
        if (!squad) {
          if (!squadText) at('角色', `「${token}」要填在某个小分队的行上：请在「小分队」列写明小分队`);
          continue;
        }
        const captain = captains.get(squad.id);
        if (squadRole === 'CAPTAIN' && captain && captain !== key)
          at('角色', `「${squad.name}」已有队长「${captain.split('|')[0]}」：每个小分队只有一名队长`);
        if (squadRole === 'CAPTAIN') captains.set(squad.id, key);
        if (p.squads.some((s) => s.squadId === squad.id)) at('小分队', `「${name}」在「${squad.name}」出现了两次`);
        else p.squads.push({ squadId: squad.id, role: squadRole });
      } else if (orgRole) addOnce(p.roles, orgRole);
      else
        at('角色', `不认识角色「${token}」；可用：队长、队员、责任领导、${Object.values(ORG_ROLE_LABELS).join('、')}`);
    }
  }
  if (people.size === 0 && problems.length === 0)
    problems.push({ sheet: ws.name, message: '表头下面没有数据行：请填写后再发送' });
  if (problems.length) throw new SheetErrors(problems);
  return [...people.values()];
}

function addOnce<T>(list: T[], v: T): void {
  if (!list.includes(v)) list.push(v);
}
