import type { ProjectListRow } from '../../db/projects.js';
import { formatWan } from '../../domain/money.js';
import { isProjectStage } from '../../domain/project-stages.js';
import { STAGE_LABELS } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { buttonRow } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

function label(stage: string): string {
  return isProjectStage(stage) ? STAGE_LABELS[stage] : stage;
}

/**
 * `/project`: the squad's projects, each with a button to open its card. `squadIds` are the squads
 * listed (null = all); the squad name is left out when there is only one.
 */
export function drawProjectList(projects: ProjectListRow[], squadIds: number[] | null): Card {
  const rows = projects.length
    ? projects.map((p) =>
        buttonRow(
          `**#${p.id} ${escapeMarkdown(p.name)}**\n${label(p.stage)} · ${formatWan(p.investment)}` +
            `${squadIds && squadIds.length === 1 ? '' : ` · ${escapeMarkdown(p.squadName)}`}`,
          { name: `project_open_${p.id}`, text: '查看', value: { action: 'project.view', projectId: p.id } },
        ),
      )
    : [{ tag: 'markdown', content: '还没有项目。点下方“新建项目”登记第一个。' }];
  return renderCard('project-list', {
    subtitle: projects.length ? `最近更新的 ${projects.length} 个项目 · # 后为项目编号` : '暂无项目',
    rows,
  });
}
