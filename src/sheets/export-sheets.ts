import type ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import { inPeriod, type Period } from '../domain/periods.js';
import {
  loadLeadsBetween,
  loadReportsBetween,
  loadSquadProjects,
  loadSquadsById,
  loadVisitsBetween,
} from '../db/exports.js';
import { LAND_STATUS_LABELS } from '../domain/land.js';
import { formatBusinessmenLines, type VisitedBusinessman } from '../domain/visited-businessmen.js';
import {
  LEAD_SOURCE_LABELS,
  STAGE_LABELS,
  type LandStatus,
  type LeadSource,
  type ProjectStage,
} from '../domain/vocabulary.js';
import { addProgressSheets } from './progress-export.js';
import { addSheet, newWorkbook } from './workbook.js';
import type { ExportKind } from './kinds.js';

// /export progress|leads|projects|visits|reports: the annex tables' form, Chinese headers,
// amounts in 亿元 (progress) or 万元 (lists). Rows are limited to the squads the asker may see;
// phones and addresses only when withContacts (the office).

export interface ExportRequest {
  kind: ExportKind;
  period: Period;
  squadIds: number[];
  withContacts: boolean;
}

/** Builds the workbook; returns it with the number of data rows. */
export async function buildExport(db: Db, req: ExportRequest): Promise<{ wb: ExcelJS.Workbook; rows: number }> {
  const wb = newWorkbook();
  const { from, to } = req.period;
  const squads = await loadSquadsById(db, req.squadIds);
  const name = new Map(squads.map((s) => [s.id, s.name]));
  const title = (what: string) => `港南区${req.period.label}${what}`;
  let count = 0;

  if (req.kind === 'progress') count = await addProgressSheets(wb, db, req.period, req.squadIds);

  if (req.kind === 'leads') {
    const leads = await loadLeadsBetween(db, req.squadIds, from, to);
    const headers = [
      '序号',
      '小分队',
      '企业名称',
      '行业',
      '来源',
      '中介/推荐人',
      '意向投资(万元)',
      '状态',
      '登记日期',
      '情况说明',
      ...(req.withContacts ? ['联系人', '联系电话'] : []),
    ];
    const status: Record<string, string> = { OPEN: '跟进中', CONVERTED: '已转项目', DROPPED: '已放弃' };
    const rows = leads.map((l, i) => [
      i + 1,
      name.get(l.squadId) ?? '',
      l.company,
      l.sector,
      LEAD_SOURCE_LABELS[l.source as LeadSource] ?? l.source,
      l.intermediaryName ?? '',
      l.intendedInvestment,
      status[l.status] ?? l.status,
      l.createdOn,
      l.description,
      ...(req.withContacts ? [l.contactName, l.phone] : []),
    ]);
    addSheet(wb, {
      name: '招商线索',
      title: title('招商线索'),
      headers,
      rows,
      widths: [6, 30, 30, 14, 10, 14, 14, 10, 12, 40],
    });
    count = rows.length;
  }

  if (req.kind === 'projects') {
    const projects = await loadSquadProjects(db, req.squadIds);
    const headers = [
      '序号',
      '项目名称',
      '企业',
      '小分队',
      '行业',
      '阶段',
      '投资额(万元)',
      '到位资金(万元)',
      '实际利用外资(万美元)',
      '签约日期',
      '开工日期',
      '投产日期',
      '达效日期',
      '重点项目',
      '战略性新兴产业',
      '重大项目',
      '历史导入',
      '用地需求(亩)',
      '用地位置',
      '用地状态',
      '用地状态日期',
    ];
    const row = (p: (typeof projects)[number], i: number) => [
      i + 1,
      p.name,
      p.company,
      name.get(p.squadId) ?? '',
      p.sector,
      STAGE_LABELS[p.stage as ProjectStage] ?? p.stage,
      p.investment,
      p.fundsInPlace,
      p.foreignCapitalUsd,
      p.signedOn ?? '',
      p.startedOn ?? '',
      p.producingOn ?? '',
      p.atTargetOn ?? '',
      p.isKey ? '是' : '',
      p.strategicEmerging ? '是' : '',
      p.majorProject ? '是' : '',
      p.importedHistory ? '是' : '',
      p.landNeedMu ?? '',
      p.landLocation,
      LAND_STATUS_LABELS[p.landStatus as LandStatus] ?? p.landStatus,
      p.landStatusOn ?? '',
    ];
    const signed = projects.filter((p) => inPeriod(p.signedOn, from, to));
    const talking = projects.filter((p) => !p.signedOn);
    addSheet(wb, {
      name: '已签约项目',
      title: title('签约项目'),
      headers,
      rows: signed.map(row),
      widths: [6, 30, 24, 30],
    });
    addSheet(wb, {
      name: '洽谈中项目',
      title: `港南区洽谈中项目（导出日 ${to} 前登记）`,
      headers,
      rows: talking.map(row),
      widths: [6, 30, 24, 30],
    });
    count = signed.length + talking.length;
  }

  if (req.kind === 'visits') {
    const visits = await loadVisitsBetween(db, req.squadIds, from, to);
    const headers = [
      '序号',
      '小分队',
      '拜访日期',
      '企业',
      '客商姓名',
      '职务',
      '经营范围',
      '投资意向',
      ...(req.withContacts ? ['联系方式', '地址'] : []),
    ];
    const rows = visits.map((v, i) => [
      i + 1,
      name.get(v.squadId) ?? '',
      v.visitedOn,
      v.company,
      v.contactName,
      v.position,
      v.businessScope,
      v.investmentIntent,
      ...(req.withContacts ? [v.phone, v.address] : []),
    ]);
    addSheet(wb, {
      name: '拜访企业',
      title: title(`拜访企业${req.withContacts ? '（含联系方式，注意保密）' : ''}`),
      headers,
      rows,
      widths: [6, 30, 12, 30, 12, 12, 30, 30],
    });
    count = rows.length;
  }

  if (req.kind === 'reports') {
    const reports = await loadReportsBetween(db, req.squadIds, from, to);
    const statusLabel: Record<string, string> = { DRAFT: '草稿', SUBMITTED: '已提交', EXEMPT: '免报' };
    const headers = [
      '月份',
      '小分队',
      '状态',
      '是否迟报',
      '经济发展动态',
      '投资导向',
      '项目信息',
      '对接工作意见',
      '拜访客商',
      '免报原因',
    ];
    const rows = reports.map((r) => [
      r.month,
      name.get(r.squadId) ?? '',
      statusLabel[r.status] ?? r.status,
      r.late ? '迟报' : '',
      r.economicTrends,
      r.investmentDirections,
      r.projectInfo,
      r.suggestions,
      visitedBusinessmenCell(r.visitedBusinessmen, req.withContacts),
      r.exemptReason ?? '',
    ]);
    addSheet(wb, {
      name: '月度汇报',
      title: title('各小分队月度汇报'),
      headers,
      rows,
      widths: [10, 30, 8, 8, 40, 40, 40, 40, 50, 20],
    });
    count = rows.length;
  }
  return { wb, rows: count };
}

/** A report's visited businessmen, one per line; addresses and phones only in an export with contacts. */
function visitedBusinessmenCell(json: string, withContacts: boolean): string {
  let list: VisitedBusinessman[];
  try {
    const v = JSON.parse(json) as unknown;
    list = Array.isArray(v) ? (v as VisitedBusinessman[]) : [];
  } catch {
    list = [];
  }
  const shown = withContacts ? list : list.map((b) => ({ ...b, address: '', contact: '' }));
  return formatBusinessmenLines(shown.map((b) => ({ ...EMPTY_BUSINESSMAN, ...b })));
}

const EMPTY_BUSINESSMAN: VisitedBusinessman = {
  name: '',
  company: '',
  address: '',
  position: '',
  contact: '',
  businessScope: '',
  investmentIntent: '',
};
