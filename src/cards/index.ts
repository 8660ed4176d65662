import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { answer, type CardAnswer } from '../feishu/answer.js';
import { openAssessment } from './assess/actions.js';
import { publishBulletin } from './bulletin/actions.js';
import { submitLead } from './lead/actions.js';
import { openIssueForm, submitIssue, withdrawIssue } from './meeting-issue/actions.js';
import { cancelImport, confirmImport } from './import-preview/actions.js';
import {
  editMonthlyReport,
  exemptMonthlyReport,
  saveMonthlyReport,
  submitMonthlyReport,
  viewMonthlyReport,
} from './monthly-report/actions.js';
import { approveTripPlan, rejectTripPlan } from './trip-plan/approval-actions.js';
import { submitTripPlan } from './trip-plan/actions.js';
import { reopenTripPlan } from './trip-plan/reopen-actions.js';
import { addVisit, openTripReport, showLeadForm, submitTripReport } from './trip-report/actions.js';
import { changeProjectStage, viewProject } from './project/actions.js';
import { addTask, assignHelper, closeTask } from './project/task-actions.js';
import { changeProjectFlags } from './project/flag-actions.js';
import { createProject, newProject } from './project-new/actions.js';
import { changePackagedStatus, createPackaged, newPackaged, viewPackaged } from './packaged/actions.js';
import { giveReviewOpinion } from './review/opinion-actions.js';
import { overruleVeto } from './review/overrule-actions.js';
import { launchReview, openReview } from './review/actions.js';
import { openReadOnlyReport } from './report-list/actions.js';
import { openSettings, saveSettings } from './settings/actions.js';
import { openGoals, saveGoals } from './settings/goals.js';
import { cancelTripPlan } from './trip-cancel/actions.js';
import { closeCorrectionAction, submitInspection } from './inspection/actions.js';
import { decideRewardAction, dropLeadAction } from './lead-state/actions.js';
import { closeDecision, newDecision, saveDecision } from './decision/actions.js';
import type { CardHandler, CardInput } from './types.js';

/**
 * Every card action. Buttons and forms carry `{ "action": "<name>", … }` in their callback value;
 * the name picks the handler here.
 */
export const cardActions: Record<string, CardHandler> = {
  'monthly-report.save': saveMonthlyReport,
  'monthly-report.submit': submitMonthlyReport,
  'monthly-report.exempt': exemptMonthlyReport,
  'monthly-report.edit': editMonthlyReport,
  'monthly-report.view': viewMonthlyReport,
  'trip.approve': approveTripPlan,
  'trip.reject': rejectTripPlan,
  'trip.submit': submitTripPlan,
  'trip.cancel': cancelTripPlan,
  'trip.reopen': reopenTripPlan,
  'tripreport.open': openTripReport,
  'tripreport.visit': addVisit,
  'tripreport.lead': showLeadForm,
  'tripreport.submit': submitTripReport,
  'lead.submit': submitLead,
  'lead.drop': dropLeadAction,
  'lead.reward': decideRewardAction,
  'issue.open': openIssueForm,
  'issue.submit': submitIssue,
  'issue.withdraw': withdrawIssue,
  'project.view': viewProject,
  'project.new': newProject,
  'project.create': createProject,
  'project.stage': changeProjectStage,
  'project.task.add': addTask,
  'project.task.close': closeTask,
  'project.helper': assignHelper,
  'project.flags': changeProjectFlags,
  'packaged.new': newPackaged,
  'packaged.create': createPackaged,
  'packaged.view': viewPackaged,
  'packaged.status': changePackagedStatus,
  'review.opinion': giveReviewOpinion,
  'review.overrule': overruleVeto,
  'review.start': launchReview,
  'review.open': openReview,
  'bulletin.publish': publishBulletin,
  'assess.open': openAssessment,
  'decision.new': newDecision,
  'decision.save': saveDecision,
  'decision.close': closeDecision,
  'import.confirm': confirmImport,
  'import.cancel': cancelImport,
  'reports.open': openReadOnlyReport,
  'settings.open': openSettings,
  'settings.save': saveSettings,
  'settings.goals': openGoals,
  'settings.goals.save': saveGoals,
  'inspection.submit': submitInspection,
  'correction.close': closeCorrectionAction,
};

export async function runCardAction(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const handle = Object.hasOwn(cardActions, input.action) ? cardActions[input.action] : undefined;
  if (!handle) return answer.error('这张卡片已失效，请重新发送命令获取新卡片。');
  if (!input.actor) return answer.error('你还不在招商工作名册中，请联系区招商局把你加入名册。');
  try {
    return await handle(input, deps);
  } catch (e) {
    if (e instanceof UserError) return answer.error(e.message);
    throw e;
  }
}
