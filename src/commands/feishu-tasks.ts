import type { TaskTable } from '../feishu/tasks.js';
import { assessExportTask } from './assess.js';
import { bindRosterTask } from './bind.js';
import { exportTask } from './export.js';
import { importTask } from './import-file.js';
import { templateTask } from './template.js';

/** Every kind of FeishuTask by the name its rows carry: the slow half of a command, run after its commit. */
export const feishuTasks: TaskTable = {
  EXPORT: exportTask,
  TEMPLATE: templateTask,
  IMPORT: importTask,
  BIND_ROSTER: bindRosterTask,
  ASSESS_EXPORT: assessExportTask,
};
