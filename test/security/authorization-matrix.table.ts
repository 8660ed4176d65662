// Who may do what: every slash-command and every card action × every role, as the plan and the
// README's rules say it should be. The matrix test (authorization-matrix.test.ts) runs each cell
// through the real bot; the README's section "Who may do what" is drawn from this table (the test
// checks it matches; `UPDATE_README=1 npx vitest run test/security/authorization-matrix.test.ts` redraws it).

/** The roles, in the table's column order, with the roster person (or open_id) who plays each. */
export const ROLES = [
  { key: 'member', label: '队员', who: '市政局四分队队员' },
  { key: 'captain', label: '队长', who: '经贸局局长' },
  { key: 'leader', label: '责任领导', who: '马明' },
  { key: 'groupLeader', label: '组长', who: '曾健清' },
  { key: 'deputy', label: '副组长', who: '卓天高' },
  { key: 'office', label: '办公室', who: '领导小组办公室工作人员' },
  { key: 'officeAdmin', label: '办公室管理员', who: '招商局局长' },
  { key: 'assessor', label: '考核中心', who: '考核中心专员' },
  { key: 'helper', label: '帮办', who: '帮办中心专员' },
  { key: 'reviewer', label: '预审经办人', who: '环保局预审经办人' },
  { key: 'stranger', label: '名册外', who: 'ou_matrix_stranger' },
  { key: 'envAdmin', label: '环境变量管理员（未入名册）', who: 'ou_matrix_env_admin' },
] as const;

export type RoleKey = (typeof ROLES)[number]['key'];

/**
 * Y: allowed; N: refused. On rows about one squad's things, `Y/N` is "own squad / other squad":
 * the own squad is the one the member, captain and responsible leader belong to (纺织和羽绒), the
 * other is 重大项目招商谈判; a plain Y or N is the same for both.
 */
export type Cell = 'Y' | 'N' | 'Y/N' | 'N/Y';

export interface MatrixRow {
  /** A command (`/report`) or card action (`monthly-report.save`); a second row of a command adds words. */
  name: string;
  /** The registered command or action the row exercises. */
  of: string;
  kind: 'command' | 'action';
  /** Whether the row is about one squad's things (run for the own and the other squad). */
  squad: boolean;
  /** What the row does, for the README. */
  what: string;
  cells: Record<RoleKey, Cell>;
}

const ORDER = ROLES.map((r) => r.key);

/** Cells in the column order of ROLES. */
function row(
  kind: 'command' | 'action',
  name: string,
  what: string,
  squad: boolean,
  cells: string,
  of = name.split(' ')[0]!,
): MatrixRow {
  const list = cells.trim().split(/\s+/) as Cell[];
  if (list.length !== ORDER.length) throw new Error(`${name}: ${list.length} cells, expected ${ORDER.length}`);
  return {
    name,
    of,
    kind,
    squad,
    what,
    cells: Object.fromEntries(ORDER.map((k, i) => [k, list[i]!])) as MatrixRow['cells'],
  };
}
const cmd = (name: string, what: string, squad: boolean, cells: string) => row('command', name, what, squad, cells);
const act = (name: string, what: string, squad: boolean, cells: string) => row('action', name, what, squad, cells);

// Columns: member captain leader groupLeader deputy office officeAdmin assessor helper reviewer stranger envAdmin
// biome-ignore format: the cells line up as a table
export const MATRIX: MatrixRow[] = [
  cmd('/help', '命令列表', false,                               'Y   Y   Y   Y Y Y Y Y Y Y Y Y'),
  cmd('/progress', '一个小分队的进度', true,                     'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  cmd('/rank', '排名', false,                                    'Y   Y   Y   Y Y Y Y Y N N N Y'),
  cmd('/assess', '年度考核', false,                              'N   N   N   Y Y Y Y Y N N N Y'),
  cmd('/assess excel', '导出年度考核表', false,                   'N   N   N   Y Y Y Y Y N N N Y'),
  cmd('/quota', '目标任务', false,                               'Y   Y   Y   Y Y Y Y Y N N N Y'),
  cmd('/report', '查看一个小分队的月度汇报', true,               'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  cmd('/trip', '为一个小分队报外出计划', true,                   'Y/N Y/N Y/N N N Y Y N N N N Y'),
  cmd('/tripreport', '待填写的外出报告', false,                  'Y   Y   Y   Y Y Y Y Y Y Y N Y'),
  cmd('/lead', '登记线索', false,                                'Y   Y   N   N N Y Y N N N N Y'),
  cmd('/leads', '一个小分队的线索', true,                        'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  cmd('/project', '本小分队的项目', false,                       'Y   Y   N   N N Y Y N Y N N Y'),
  cmd('/packaged', '一个小分队的策划包装项目', true,               'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  cmd('/packaged new', '登记策划包装项目', false,                'Y   Y   N   N N Y Y N N N N Y'),
  cmd('/projects', '项目漏斗', false,                            'Y   Y   Y   Y Y Y Y Y N N N Y'),
  cmd('/overdue', '限时事项', false,                             'Y   Y   Y   Y Y Y Y Y Y N N Y'),
  cmd('/review', '一个项目的联合预审', true,                     'Y/N Y   Y/N Y Y Y Y Y Y Y N Y'),
  cmd('/key', '标记重点项目', false,                             'N   N   N   N N Y Y N N N N Y'),
  cmd('/land', '记录项目用地', true,                             'Y/N Y/N N   N N Y Y N N N N Y'),
  cmd('/calendar', '增改节假日', false,                          'N   N   N   N N Y Y N N N N Y'),
  cmd('/export', '导出进度表', false,                            'Y   Y   Y   Y Y Y Y Y N N N Y'),
  cmd('/export 联系方式', '导出含联系方式的拜访企业表', false,   'Y   Y   N   N N Y Y N N N N Y'),
  cmd('/template', '获取名册模板', false,                        'N   N   N   N N Y Y N N N N Y'),
  cmd('/bind', '绑定人员', false,                                'N   N   N   N N N Y N N N N Y'),
  cmd('/bind-roster', '重新绑定名册', false,                     'N   N   N   N N Y Y N N N N Y'),
  cmd('/bind-group', '设置领导小组群', false,                    'N   N   N   N N Y Y N N N N Y'),
  cmd('/outbox', '查看、重发发送失败的消息', false,              'N   N   N   N N N Y N N N N Y'),
  cmd('/settings', '查看、修改系统设置', false,                   'N   N   N   N N N Y N N N N Y'),
  cmd('/reports', '各小分队月度汇报一览', false,                  'N   N   N   Y Y Y Y Y N N N Y'),
  cmd('/meeting', '领导小组会议材料', false,                      'N   N   N   Y Y Y Y N N N N Y'),
  cmd('/meeting decide', '记录会议决定（表单）', false,          'N   N   N   N N Y Y N N N N Y'),
  cmd('/leadcard', '一条线索的状态和中介奖励', true,              'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  cmd('/issue', '为一个小分队提请领导小组研究问题', true,         'N   Y/N Y/N N N Y Y N N N N Y'),
  cmd('/issues', '一个小分队提请研究的问题和决定', true,          'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  act('monthly-report.save', '月度汇报：保存草稿', true,         'Y/N Y/N N   N N Y Y N N N N Y'),
  act('monthly-report.submit', '月度汇报：提交', true,           'N   Y/N N   N N Y Y N N N N Y'),
  act('monthly-report.exempt', '月度汇报：免报', true,           'N   N   Y/N N N Y Y N N N N Y'),
  act('monthly-report.edit', '月度汇报：修改', true,             'N   Y/N N   N N Y Y N N N N Y'),
  act('monthly-report.view', '月度汇报：查看（转发的卡片）', true, 'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  act('trip.submit', '外出计划：提交', true,                     'Y/N Y/N Y/N N N Y Y N N N N Y'),
  act('trip.approve', '外出计划：批准（报组长的计划）', false,   'N   N   N   Y N N N N N N N N'),
  act('trip.reject', '外出计划：驳回（报组长的计划）', false,    'N   N   N   Y N N N N N N N N'),
  act('trip.reopen', '外出计划：驳回后重新提交', false,      'N   Y   N   N N N N N N N N N'),
  act('tripreport.open', '外出报告：打开', true,                 'Y/N Y/N N   N N Y Y N N N N Y'),
  act('tripreport.visit', '外出报告：录入拜访企业', true,        'Y/N Y/N N   N N Y Y N N N N Y'),
  act('tripreport.lead', '外出报告：录入线索', true,             'Y/N Y/N N   N N Y Y N N N N Y'),
  act('tripreport.submit', '外出报告：提交', true,               'Y/N Y/N N   N N Y Y N N N N Y'),
  act('lead.submit', '外出报告的线索：提交', true,               'Y/N Y/N N   N N Y Y N N N N Y'),
  act('project.view', '项目：查看', true,                        'Y/N Y/N Y/N Y Y Y Y Y Y/N N N Y'),
  act('project.new', '项目：打开新建表单', false,                'Y   Y   N   N N Y Y N N N N Y'),
  act('project.create', '项目：新建', false,                     'Y   Y   N   N N Y Y N N N N Y'),
  act('project.stage', '项目：更新阶段', true,                   'Y/N Y/N N   N N Y Y N N N N Y'),
  act('project.task.add', '项目：添加限时任务', true,            'Y/N Y/N N   N N Y Y N N N N Y'),
  act('project.task.close', '项目：办结销号', true,              'Y/N Y/N N   N N Y Y N Y/N N N Y'),
  act('project.helper', '项目：指派帮办', true,                  'Y/N Y/N N   N N Y Y N N N N Y'),
  act('project.flags', '项目：战略性新兴产业、重大项目标记', true, 'Y/N Y/N N   N N Y Y N N N N Y'),
  act('packaged.new', '策划包装项目：打开登记表单', false,       'Y   Y   N   N N Y Y N N N N Y'),
  act('packaged.create', '策划包装项目：登记', false,            'Y   Y   N   N N Y Y N N N N Y'),
  act('packaged.view', '策划包装项目：查看', true,               'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  act('packaged.status', '策划包装项目：更新状态', true,         'Y/N Y/N N   N N Y Y N N N N Y'),
  act('review.open', '联合预审：查看', true,                     'Y/N Y   Y/N Y Y Y Y Y Y Y N Y'),
  act('review.start', '联合预审：发起', true,                    'Y/N Y/N N   N N Y Y N N N N Y'),
  act('review.opinion', '联合预审：填写本单位意见', true,        'N   N/Y N   N N N N N N Y N N'),
  act('review.overrule', '联合预审：推翻一票否决', false,        'N   N   N   Y Y N N N N N N N'),
  act('assess.open', '年度考核：查看一类的明细', false,           'N   N   N   Y Y Y Y Y N N N Y'),
  act('bulletin.publish', '红黑榜：发布', false,                 'N   N   N   N N Y Y N N N N Y'),
  act('import.confirm', '导入：确认', false,                     'N   N   N   N N N Y N N N N Y'),
  act('import.cancel', '导入：取消', false,                      'N   N   N   N N N Y N N N N Y'),
  act('settings.open', '系统设置：打开一组', false,              'N   N   N   N N N Y N N N N Y'),
  act('settings.save', '系统设置：保存', false,                  'N   N   N   N N N Y N N N N Y'),
  act('settings.goals', '系统设置：打开全区目标', false,          'N   N   N   N N N Y N N N N Y'),
  act('settings.goals.save', '系统设置：保存全区目标', false,     'N   N   N   N N N Y N N N N Y'),
  act('reports.open', '月度汇报一览：查看（只读）', true,        'Y/N Y/N Y/N Y Y Y Y Y N N N Y'),
  act('trip.cancel', '外出计划：取消（队长的）', true,   'N   Y/N N   N N N N/Y N N N N N'),
  act('lead.drop', '线索：放弃', true,                           'Y/N Y/N N   N N Y Y N N N N Y'),
  act('lead.reward', '中介奖励：审核、登记支付', false,          'N   N   N   N N Y Y N N N N Y'),
  cmd('/inspect', '季度督查：督查情况、填写督查记录', false,       'N   N   N   N N Y Y N N N N Y'),
  act('inspection.submit', '季度督查：提交督查记录', false,       'N   N   N   N N Y Y N N N N Y'),
  act('correction.close', '督查整改：办结销号（队员为责任人）', true, 'Y/N Y/N N   N N Y Y N N N N Y'),
  act('issue.open', '提请研究：从月度汇报打开表单', true,        'N   Y/N Y/N N N Y Y N N N N Y'),
  act('issue.submit', '提请研究：提交', true,                    'N   Y/N Y/N N N Y Y N N N N Y'),
  act('issue.withdraw', '提请研究：撤回（队长提出的）', true,    'N   Y/N N   N N Y Y N N N N Y'),
  act('decision.new', '会议决定：打开记录表单', false,            'N   N   N   N N Y Y N N N N Y'),
  act('decision.save', '会议决定：记录', false,                   'N   N   N   N N Y Y N N N N Y'),
  act('decision.close', '会议决定：办结销号（责任人为责任领导）', false, 'N   N   Y   N N Y Y N N N N Y'),
];

const SYMBOL: Record<Cell, string> = { Y: '✓', N: '✗', 'Y/N': '本队✓', 'N/Y': '他队✓' };

/** The README's table: a row per command or action, a column per role. */
export function matrixMarkdown(): string {
  const head = `| 命令或卡片操作 | 做什么 | ${ROLES.map((r) => r.label).join(' | ')} |`;
  const rule = `| --- | --- | ${ROLES.map(() => ':-:').join(' | ')} |`;
  const lines = MATRIX.map(
    (r) => `| \`${r.name}\` | ${r.what} | ${ROLES.map((k) => SYMBOL[r.cells[k.key]]).join(' | ')} |`,
  );
  return [head, rule, ...lines].join('\n');
}
