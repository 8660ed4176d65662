import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { showAssessment } from './assess.js';
import { bindPerson, rebindRoster } from './bind.js';
import { bindLeadershipGroup } from './bind-group.js';
import { manageCalendar } from './calendar.js';
import { exportSheet } from './export.js';
import { listIssues, raiseIssue } from './issue.js';
import { manageKeyProjects } from './key.js';
import { manageLand } from './land.js';
import { openLeadCard } from './lead.js';
import { listLeads } from './leads.js';
import { openLeadState } from './leadcard.js';
import { showMeeting } from './meeting.js';
import { listOverdueTasks } from './overdue.js';
import { inspectSquads } from './inspect.js';
import { showProgress } from './progress.js';
import { openProjects } from './project.js';
import { listPackaged } from './packaged.js';
import { showProjectFunnel } from './projects.js';
import { showQuotas } from './quota.js';
import { showRank } from './rank.js';
import { manageOutbox } from './outbox.js';
import { openMonthlyReport } from './report.js';
import { manageSettings } from './settings.js';
import { listMonthReports } from './reports.js';
import { showReview } from './review.js';
import { sendTemplate } from './template.js';
import { openTripPlan } from './trip.js';
import { openTripReports } from './trip-report.js';
import { receiveSpreadsheet } from './import-file.js';
import type { MessageTypeHandler } from './message-types.js';
import { closestName } from '../domain/closest-name.js';
import { helpCard } from '../cards/help/view.js';
import type { Command, CommandInput } from './types.js';

/**
 * Every slash-command: its handler, and the usage line and summary that /help shows, in this order.
 * A command is public when someone not (yet) on the roster may run it.
 */
export const commands: Record<string, Command> = {
  '/help': { run: showHelp, usage: '/help', summary: '查看全部命令和用法', public: true },
  '/progress': {
    run: showProgress,
    usage: '/progress [小分队] [2018|2018Q2]',
    summary:
      '查看目标任务完成进度：签约亿元项目及投资额、到位资金、外资、包装项目、开工、外出、拜访、线索、月报按时率，及开工率。小分队可写名称中的字（如“纺织”）或序号；不写则看你能看到的全部。',
  },
  '/rank': {
    run: showRank,
    usage: '/rank [2018Q2|2018]',
    summary: '查看各小分队综合得分排名（红黑榜口径），默认本季度。领导小组、办公室看全部；其他人看自己小分队的名次。',
  },
  '/assess': {
    run: showAssessment,
    usage: '/assess [年份] [产业|镇|部门|excel]',
    summary:
      '（领导小组、办公室、考核中心）年度考核：产业小分队、镇（街道办）、区直部门分别排名，每项的权重、完成值/目标、完成率和得分；excel 导出考核表',
  },
  '/quota': {
    run: showQuotas,
    usage: '/quota [年份]',
    summary: '查看目标任务（附表一/二/三）：全区目标和各小分队分解任务。',
  },
  '/report': {
    run: openMonthlyReport,
    usage: '/report [YYYY-MM] [小分队]',
    summary: '填写或查看月度汇报（每月28日前）；责任领导免报：/report exempt [YYYY-MM] [小分队] 原因',
  },
  '/reports': {
    run: listMonthReports,
    usage: '/reports [YYYY-MM]',
    summary: '（区招商局、领导小组）各小分队某月月度汇报的状态（未提交/草稿/已提交/逾期提交），点“查看”阅读汇报',
  },
  '/trip': {
    run: openTripPlan,
    usage: '/trip [小分队]',
    summary: '填写外出招商计划，按级别报组长或分管领导审批，并报区招商局备案',
  },
  '/tripreport': {
    run: openTripReports,
    usage: '/tripreport',
    summary: '填写外出招商报告：逐家录入拜访企业（≥6 家）和招商线索（≥3 条），再提交',
  },
  '/lead': {
    run: openLeadCard,
    usage: '/lead',
    summary: '登记招商线索（含中介组织、行业协会、企业、自然人提供的线索）；同一企业已被登记时显示登记人',
  },
  '/leads': {
    run: listLeads,
    usage: '/leads [小分队]',
    summary: '查看招商线索：本年各小分队线索数（跟进中/已转项目/已放弃）和最新 10 条线索。',
  },
  '/leadcard': {
    run: openLeadState,
    usage: '/leadcard <线索编号|企业名称>',
    summary: '查看一条线索的状态和中介奖励；本小分队可写明原因放弃线索，区招商局审核和登记支付中介奖励',
  },
  '/project': {
    run: openProjects,
    usage: '/project [new|<项目编号或名称>]',
    summary:
      '查看本小分队的项目及编号（阶段、金额、阶段记录、限时任务、帮办）；/project 12 或 /project 饲料 打开一个项目；/project new 新建项目',
  },
  '/projects': {
    run: showProjectFunnel,
    usage: '/projects [洽谈|签约|开工|投产|达效]',
    summary: '查看项目进展：各阶段项目数和投资额（漏斗），以及某阶段投资额最大的 10 个项目。',
  },
  '/packaged': {
    run: listPackaged,
    usage: '/packaged [小分队] · /packaged new',
    summary:
      '策划包装项目库：列出项目及状态（策划中/已包装/已推介/已签约）和本年已包装数对目标；/packaged new 登记新项目（小分队成员、区招商局）',
  },
  '/overdue': {
    run: listOverdueTasks,
    usage: '/overdue',
    summary: '查看限时办结事项：已超时（橙色：超时不久，红色：严重超时）和即将到期（绿色）的项目任务。',
  },
  '/inspect': {
    run: inspectSquads,
    usage: '/inspect [小分队] [季度]',
    summary:
      '季度督查（督查室、区招商局）：不写小分队时查看本季度督查情况和未办结的整改事项；写小分队（名称中的几个字或序号）' +
      '和季度（如 2018Q2，默认本季度）时填写督查记录：督查内容、发现的问题、评价和整改事项',
  },
  '/meeting': {
    run: showMeeting,
    usage: '/meeting [季度] · /meeting decide',
    summary:
      '（领导小组、区招商局）季度领导小组会议材料：得分排名、红黑榜草稿、小分队提请研究的问题、以往决定的办理情况；办公室点“记录决定”或用 /meeting decide 记录会议决定',
  },
  '/review': {
    run: showReview,
    usage: '/review <项目编号或名称> [发起] · /review <项目编号或名称> 指定 <单位> <姓名>',
    summary:
      '联合预审：查看项目的预审状态；未预审时区招商局或项目所属小分队可发起，被否决后由区招商局写明理由重新发起；' +
      '单位无人可审时办公室管理员指定经办人',
  },
  '/issue': {
    run: raiseIssue,
    usage: '/issue [小分队] · /issue list',
    summary:
      '提请领导小组研究的问题：写明问题、涉及项目和需要协调解决的事项，提交后通知区招商局，列入季度会议（队长、责任领导、区招商局）',
  },
  '/issues': {
    run: listIssues,
    usage: '/issues [小分队]',
    summary: '查看小分队提请领导小组研究的问题及状态（待研究/已研究/已撤回）和领导小组的决定',
  },
  '/key': {
    run: manageKeyProjects,
    usage: '/key · /key <项目编号或名称> <一企一策说明> · /key <项目编号或名称> 取消',
    summary: '重点项目清单（绿色通道、一企一策）；标记和取消限区招商局',
  },
  '/land': {
    run: manageLand,
    usage: '/land · /land set <项目编号或名称> [亩数] [未落实|已选址|已批地|已供地] [日期] [地点]',
    summary: '重点项目用地：列出尚未供地的重点项目（等待最久的在前）；记录项目的用地需求和进展',
  },
  '/calendar': {
    run: manageCalendar,
    usage: '/calendar [年份] · /calendar add <日期> <放假|上班> [名称] · /calendar remove <日期>',
    summary: '节假日和调休上班日（预审等期限按工作日计算）；增改删限区招商局',
  },
  '/export': {
    run: exportSheet,
    usage: '/export progress|leads|projects|visits|reports [2018|2018Q2] [联系方式]',
    summary:
      '导出 Excel 表：目标任务完成情况、线索、项目、拜访企业、月度汇报；只含你有权查看的小分队；联系方式只给区招商局和本小分队，在群里发送时文件私信给你',
  },
  '/template': {
    run: sendTemplate,
    usage: '/template quotas [年度] | /template roster | /template projects',
    summary:
      '获取目标任务表、名册或历史签约项目表（2015—2017 年等启用前签约的项目）的 Excel 模板（已填好现有数据），改好后直接发回给我即可导入（办公室）',
  },
  '/bind': {
    run: bindPerson,
    usage: '/bind 姓名 [单位] @某人',
    summary: '（管理员）把名册中的人绑定到飞书账号',
    public: true,
  },
  '/bind-roster': {
    run: rebindRoster,
    usage: '/bind-roster',
    summary: '（区招商局）按手机号/邮箱重新绑定整个名册',
    public: true,
  },
  '/outbox': {
    run: manageOutbox,
    usage: '/outbox · /outbox resend <编号…|all>',
    summary: '（办公室管理员）发送失败或积压的消息及原因；排除原因后重发',
  },
  '/settings': {
    run: manageSettings,
    usage: '/settings [月报|预审|红黑榜|考核|定时任务] · /settings 目标 [年份] · /settings history',
    summary:
      '（办公室管理员）查看和修改设置：月报提醒日和关闭日、预审门槛和期限、红黑榜权重和规则、年度考核权重、定时任务时间、全区年度目标；history 查看修改记录',
  },
  '/bind-group': {
    run: bindLeadershipGroup,
    usage: '/bind-group',
    summary: '（办公室）在领导小组群里 @招商助手 发送，把本群设为领导小组群：季度通报和红黑榜发到这里。',
  },
};

/** The commands as /help lists them. */
export const commandList: (Command & { name: string })[] = Object.entries(commands).map(([name, c]) => ({
  ...c,
  name,
}));

export async function showHelp(): Promise<Reply> {
  return reply.card(helpCard(commandList));
}

/** Messages that are not text, by message_type: a spreadsheet sent to the bot is an import. */
const messageTypes: Record<string, MessageTypeHandler> = {
  file: receiveSpreadsheet,
};

export function findMessageTypeHandler(messageType: string): MessageTypeHandler | undefined {
  return Object.hasOwn(messageTypes, messageType) ? messageTypes[messageType] : undefined;
}

const NOT_ON_ROSTER =
  '你还不在招商工作名册中，暂时只能使用 /help。请联系区招商局（领导小组办公室）把你加入名册并绑定飞书账号。';

/** Runs a slash-command; unknown ones get the help text with the closest command named. */
export async function runCommand(input: CommandInput, deps: Deps): Promise<Reply> {
  const cmd = Object.hasOwn(commands, input.name) ? commands[input.name] : undefined;
  if (!cmd) {
    const near = closestName(input.name, Object.keys(commands));
    const notice = near
      ? `没有 **${input.name}** 这个命令，你是不是想用 **${near}**？`
      : `没有 **${input.name}** 这个命令，可用的命令如下：`;
    return reply.card(helpCard(commandList, notice));
  }
  if (!cmd.public && !input.actor) return reply.text(NOT_ON_ROSTER);
  try {
    return await cmd.run(input, deps);
  } catch (e) {
    if (e instanceof UserError) return reply.card(helpCard([cmd], `**${e.message}**`));
    throw e;
  }
}
