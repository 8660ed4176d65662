// Samples of the project cards (招商项目): the project card in each mode (view / stage / task /
// helper) as the office and as a squad member, the project list and the new-project form.
import { savedNotice } from '../../../src/cards/shared/elements.js';
import { type Helper, drawProject, type ProjectCardOptions } from '../../../src/cards/project/view.js';
import { drawProjectList } from '../../../src/cards/project-list/view.js';
import { drawProjectNew } from '../../../src/cards/project-new/view.js';
import { refillForm } from '../../../src/cards/shared/form.js';
import { squadPickerElements } from '../../../src/cards/shared/squad-picker.js';
import type { ProjectListRow, ProjectStageRow, ProjectTaskRow, ProjectView } from '../../../src/db/projects.js';
import type { SampleTable } from '../card-samples.js';
import { captain, longText, NOW, office, roster, SQUAD_NAME, squads, TZ } from './data.js';

const helpers: Helper[] = roster.map((p) => ({ openId: p.openId }));

const stageRow = (i: number, over: Partial<ProjectStageRow> = {}): ProjectStageRow => ({
  id: i,
  requestKey: `project:1:change:${i}`,
  fromStage: 'SIGNED',
  toStage: 'SIGNED',
  on: `2018-0${1 + (i % 6)}-1${i % 10}`,
  investment: 350000 + i * 1000,
  fundsInPlace: 12000 + i,
  foreignCapitalUsd: i % 2 ? 800 + i : null,
  evidence: longText(500, '合同编号 GG-2018-0612 <at id=all></at>，**入账凭证**已核 [附件](x)；'),
  byName: `队员${i}号 <at id=all></at>`,
  createdAt: NOW,
  ...over,
});

/** The whole history: created, signed, then amount updates (more than the 8 the card shows). */
const history: ProjectStageRow[] = [
  stageRow(1, { fromStage: null, toStage: 'NEGOTIATING', fundsInPlace: null, foreignCapitalUsd: null }),
  stageRow(2, { fromStage: 'NEGOTIATING', toStage: 'SIGNED' }),
  ...Array.from({ length: 10 }, (_, i) => stageRow(i + 3)),
];

const task = (i: number, over: Partial<ProjectTaskRow> = {}): ProjectTaskRow => ({
  id: 300 + i,
  title: longText(200, `协调解决第${i}项用地报批、环评审批和水电接入问题 <at id=all></at> **急**；`),
  dueOn: '2018-06-30',
  status: 'OPEN',
  assigneeName: `帮办中心 队员${i}号 <at id=all></at>`,
  closedByName: null,
  ...over,
});

/** Twelve tasks (the card shows ten), open ones first, the last few closed. */
const tasks: ProjectTaskRow[] = Array.from({ length: 12 }, (_, i) =>
  i < 8
    ? task(i + 1, i % 3 ? {} : { assigneeName: null })
    : task(i + 1, { status: 'DONE', closedByName: '发改局局长' }),
);

function project(over: Partial<ProjectView> = {}): ProjectView {
  return {
    id: 42,
    name: longText(100, '年产 500 万件高端羽绒服装及羽绒精深加工项目（一期）<at id=all></at>；'),
    company: longText(100, '广西某某羽绒制品有限公司 **(集团)** <at id=all></at>；'),
    squadId: 1,
    squadName: SQUAD_NAME,
    sector: '纺织服装 [羽绒] <at id=all></at>',
    stage: 'SIGNED',
    investment: 350000,
    fundsInPlace: 128000,
    foreignCapitalUsd: 8300,
    signedOn: '2018-02-12',
    startedOn: null,
    producingOn: null,
    atTargetOn: null,
    helperId: 130,
    helperName: '帮办中心 队员30号 <at id=all></at>',
    reviewStatus: 'PASSED',
    leadId: 5,
    strategicEmerging: true,
    majorProject: true,
    importedHistory: true,
    stages: history,
    tasks,
    ...over,
  };
}

/** Signed, with a passed review: the office opens it; and one still in review (awaiting the review). */
const awaitingReview = project({
  stage: 'NEGOTIATING',
  signedOn: null,
  reviewStatus: 'IN_REVIEW',
  fundsInPlace: 0,
  foreignCapitalUsd: 0,
  stages: history.slice(0, 1),
});

const opts = (over: Partial<ProjectCardOptions> = {}): ProjectCardOptions => ({
  mode: 'view',
  actor: office,
  helpers: [],
  now: NOW,
  timezone: TZ,
  ...over,
});

const leads = Array.from({ length: 20 }, (_, i) => ({
  id: 500 + i,
  company: `广东东莞某某精密电子制造有限公司第${i + 1}分厂（松山湖高新区）<at id=all></at>`,
}));

const listRow = (i: number): ProjectListRow => ({
  id: 40 + i,
  name: longText(100, `年产 ${i + 1} 万吨新型环保建材及装配式建筑构件生产项目 **（${i + 1}）** <at id=all></at>；`),
  stage: ['NEGOTIATING', 'SIGNED', 'STARTED', 'PRODUCING', 'AT_TARGET'][i % 5]!,
  investment: 10000 * (i + 1) + 3500,
  squadName: squads[i % squads.length]!.name,
});

export const projectSamples: SampleTable = {
  project: {
    'office, view, signed, review passed, just updated (notice)': () =>
      drawProject(
        project(),
        opts({ notice: savedNotice('金额已更新，到位资金 +1.2亿元', '招商局办公室，2018-06-20 10:00') }),
      ),
    'member, view, negotiating, awaiting the joint review': () => drawProject(awaitingReview, opts({ actor: captain })),
    'office, stage form, every stage': () => drawProject(project(), opts({ mode: 'stage' })),
    'member, stage form, one step on (key project in review)': () =>
      drawProject(awaitingReview, opts({ mode: 'stage', actor: captain })),
    'member, stage form at target (no next stage)': () =>
      drawProject(
        project({ stage: 'AT_TARGET', startedOn: '2018-03-01', producingOn: '2018-05-01', atTargetOn: '2018-06-01' }),
        opts({ mode: 'stage', actor: captain }),
      ),
    'stage form refilled with field errors': () =>
      refillForm(
        drawProject(project(), opts({ mode: 'stage', actor: captain })),
        { to_stage: 'STARTED', investment: '三十五亿', evidence: longText(500) },
        {
          investment: '投资额（万元）：不能超过 10000000 万元（1 万亿）',
          to_stage: '签约前须通过联合预审（一票否决未推翻）',
        },
      ),
    'task form, thirty helpers to assign': () => drawProject(project(), opts({ mode: 'task', helpers })),
    'task form, no helpers yet, refilled with errors': () =>
      refillForm(
        drawProject(project({ tasks: [] }), opts({ mode: 'task', actor: captain })),
        { task_title: longText(200) },
        { task_due: '请选择办结期限' },
      ),
    'flags form, both flags set, imported history': () =>
      drawProject(project(), opts({ mode: 'flags', actor: captain })),
    'flags form refilled with an error, no flags yet': () =>
      refillForm(
        drawProject(
          project({ strategicEmerging: false, majorProject: false, importedHistory: false }),
          opts({ mode: 'flags' }),
        ),
        { flag_strategic: 'yes' },
        { flag_major: '请选择是否为重大项目' },
      ),
    'helper form, thirty helpers': () => drawProject(project(), opts({ mode: 'helper', helpers })),
    'helper form, nobody in the assistance centre': () =>
      drawProject(project({ helperId: null, helperName: null }), opts({ mode: 'helper', actor: captain })),
    'just created, nothing recorded, no actor': () =>
      drawProject(
        project({
          stage: 'NEGOTIATING',
          signedOn: null,
          fundsInPlace: 0,
          foreignCapitalUsd: 0,
          helperId: null,
          helperName: null,
          reviewStatus: 'NONE',
          sector: '',
          stages: [],
          tasks: [],
        }),
        opts({ actor: null, notice: savedNotice('已创建', '发改局局长，2018-06-20 10:00') }),
      ),
    'at target, every task closed, veto overruled': () =>
      drawProject(
        project({
          stage: 'AT_TARGET',
          startedOn: '2018-03-01',
          producingOn: '2018-05-01',
          atTargetOn: '2018-06-01',
          reviewStatus: 'OVERRULED',
          tasks: tasks.map((t) => ({ ...t, status: 'DONE', closedByName: '帮办中心 <at id=all></at>' })),
        }),
        opts({ actor: captain }),
      ),
    'vetoed in review, task just closed (notice)': () =>
      drawProject(
        project({ stage: 'NEGOTIATING', signedOn: null, reviewStatus: 'VETOED' }),
        opts({ notice: savedNotice('“协调解决第1项用地报批”已办结销号', '帮办中心 队员1号，2018-06-20 10:00') }),
      ),
  },
  'project-list': {
    'office, twenty projects of every squad': () =>
      drawProjectList(
        Array.from({ length: 20 }, (_, i) => listRow(i)),
        null,
      ),
    'member, one squad (no squad names)': () =>
      drawProjectList(
        Array.from({ length: 8 }, (_, i) => listRow(i)),
        [1],
      ),
    'helper of two squads': () =>
      drawProjectList(
        Array.from({ length: 5 }, (_, i) => listRow(i)),
        [1, 2],
      ),
    'no projects yet': () => drawProjectList([], [1]),
  },
  'project-new': {
    'office, squad picker, twenty open leads': () =>
      drawProjectNew({ squadPicker: squadPickerElements(office, squads), leads }),
    'member, no open leads': () => drawProjectNew({ squadPicker: squadPickerElements(captain, squads), leads: [] }),
    'member, refilled with field errors and a notice': () =>
      refillForm(
        drawProjectNew({
          squadPicker: [],
          leads: leads.slice(0, 5),
          notice: '所选线索不属于本小分队，请重新选择。',
        }),
        { project_name: longText(100), company: longText(100), sector: '羽绒', investment: '三十五亿', lead: '500' },
        { investment: '计划投资额请填写大于 0 的数字（单位：万元），例如 12000' },
      ),
  },
};
