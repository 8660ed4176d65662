// Samples of the packaged-project cards (策划包装项目): the registration form, one project in each
// status as the office and as a member, and the list.
import { savedNotice } from '../../../src/cards/shared/elements.js';
import { drawPackaged, drawPackagedList, drawPackagedNew } from '../../../src/cards/packaged/view.js';
import { refillForm } from '../../../src/cards/shared/form.js';
import { squadPickerElements } from '../../../src/cards/shared/squad-picker.js';
import type { PackagedListRow, PackagedProjectView } from '../../../src/db/packaged-projects.js';
import type { SampleTable } from '../card-samples.js';
import { longText, office, SQUAD_NAME, squads } from './data.js';

const packaged = (over: Partial<PackagedProjectView> = {}): PackagedProjectView => ({
  id: 7,
  name: longText(100, '年产 10 万吨新型环保建材及装配式建筑构件项目 <at id=all></at> **（策划）**；'),
  sector: '新型建材 [装配式] <at id=all></at>',
  plannedInvestment: 520000,
  squadId: 1,
  squadName: SQUAD_NAME,
  ownerUnit: '区发展和改革局 <at id=all></at>',
  status: 'PROMOTED',
  planningOn: '2018-02-01',
  packagedOn: '2018-03-15',
  promotedOn: '2018-05-20',
  signedOn: null,
  materialsUrl: 'https://example.feishu.cn/docx/AbCdEf123456?from=packaged',
  projectId: null,
  projectName: null,
  createdByName: '发改局局长 <at id=all></at>',
  ...over,
});

const projects = Array.from({ length: 50 }, (_, i) => ({
  id: 100 + i,
  name: longText(60, `年产 ${i + 1} 万件高端羽绒服装及精深加工项目 <at id=all></at>`),
}));

const row = (i: number): PackagedListRow => ({
  id: 10 + i,
  name: longText(100, `第 ${i + 1} 个策划包装项目：新型环保建材及装配式建筑构件 **<at id=all></at>**；`),
  squadName: squads[i % squads.length]!.name,
  status: (['PLANNING', 'PACKAGED', 'PROMOTED', 'SIGNED'] as const)[i % 4]!,
  plannedInvestment: 10000 * (i + 1),
  packagedOn: i % 4 ? '2018-03-01' : null,
  updatedOn: '2018-06-20',
});

export const packagedSamples: SampleTable = {
  'packaged-new': {
    'office, squad picker': () =>
      drawPackagedNew({ squadPicker: squadPickerElements(office, squads), today: '2018-06-20' }),
    'member, refilled with field errors and a notice': () =>
      refillForm(
        drawPackagedNew({ squadPicker: [], today: '2018-06-20', notice: '请检查填写内容' }),
        { pk_name: longText(100), pk_investment: '五亿', pk_url: 'javascript:alert(1)', pk_status: 'PACKAGED' },
        { pk_investment: '计划投资额请填写数字', pk_url: '资料链接只能是 https:// 或 http:// 开头的网址' },
      ),
  },
  packaged: {
    'office, promoted, fifty projects to link, just updated': () =>
      drawPackaged(packaged(), {
        mayAct: true,
        office: true,
        projects,
        today: '2018-06-20',
        notice: savedNotice('已更新为“已推介”', '招商局办公室，2018-06-20 10:00'),
      }),
    'member, planning, no materials link, no projects': () =>
      drawPackaged(packaged({ status: 'PLANNING', packagedOn: null, promotedOn: null, materialsUrl: '' }), {
        mayAct: true,
        office: false,
        projects: [],
        today: '2018-06-20',
      }),
    'member, signed and linked (no form left)': () =>
      drawPackaged(
        packaged({ status: 'SIGNED', signedOn: '2018-06-01', projectId: 101, projectName: projects[1]!.name }),
        {
          mayAct: true,
          office: false,
          projects,
          today: '2018-06-20',
        },
      ),
    'leader who only looks': () =>
      drawPackaged(packaged(), { mayAct: false, office: false, projects: [], today: '2018-06-20' }),
  },
  'packaged-list': {
    'office, thirty projects of every squad': () =>
      drawPackagedList({
        title: '全区',
        year: 2018,
        rows: Array.from({ length: 30 }, (_, i) => row(i)),
        total: 64,
        counted: 41,
        thisYear: 22,
        goal: 30,
        mayRegister: true,
      }),
    'leader, nothing yet, no quota': () =>
      drawPackagedList({
        title: SQUAD_NAME,
        year: 2018,
        rows: [],
        total: 0,
        counted: 0,
        thisYear: 0,
        goal: 0,
        mayRegister: false,
      }),
  },
};
