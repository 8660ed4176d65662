import { describe, expect, it } from 'vitest';
import type { RosterPerson } from '../../src/domain/import-rows.js';
import { buildRosterWorkbook, parseRosterWorkbook } from '../../src/sheets/roster-sheet.js';

// The roster workbook's 角色 column knows 督查室 (INSPECTOR): written out and read back.

const units = [{ id: 1, name: '督查室' }];
const inspector: RosterPerson = {
  name: '督查室专员',
  unitId: 1,
  unitName: '督查室',
  title: '区委区政府督查室专员',
  rank: null,
  mobile: '13800000090',
  email: null,
  roles: ['INSPECTOR'],
  squads: [],
  leaderOf: [],
};

describe('the roster workbook and the 督查室 role', () => {
  it('writes 督查室 in the 角色 column and reads it back as INSPECTOR', () => {
    const wb = buildRosterWorkbook([inspector], []);
    const ws = wb.worksheets[0]!;
    expect(JSON.stringify(ws.getSheetValues())).toContain('督查室');
    expect(String(ws.getCell('A1').value)).toContain('督查室');
    const [back] = parseRosterWorkbook(wb, units, []);
    expect(back).toMatchObject({ name: '督查室专员', roles: ['INSPECTOR'] });
  });
});
