import type { ProjectView } from '../../db/projects.js';
import { md } from '../shared/elements.js';
import { renderCard } from '../shared/template.js';

// The project's 战略性新兴产业 and 重大项目 flags on the project card: the line that shows them, the
// button that opens their form, and the form. Both weigh more in the red/black-list score.

/** The flags line under the facts (an element of its own). */
export function flagsLine(p: ProjectView): unknown[] {
  const marks = [
    p.strategicEmerging ? '战略性新兴产业' : '',
    p.majorProject ? '重大项目' : '',
    p.importedHistory ? '历史导入（签约早于本系统）' : '',
  ].filter(Boolean);
  return [md(`**产业标记**：${marks.length ? marks.join('、') : '无'}`)];
}

export function flagsButton(p: ProjectView): unknown {
  return {
    tag: 'button',
    name: 'project_flags',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: '产业标记（战略性新兴产业、重大项目）' },
    behaviors: [{ type: 'callback', value: { action: 'project.view', projectId: p.id, mode: 'flags' } }],
  };
}

const yesNo = [
  { text: { tag: 'plain_text', content: '是' }, value: 'yes' },
  { text: { tag: 'plain_text', content: '否' }, value: 'no' },
];

export function flagsForm(p: ProjectView): unknown {
  return renderCard('parts/project-flags-form', {
    strategic: p.strategicEmerging ? 'yes' : 'no',
    major: p.majorProject ? 'yes' : 'no',
    yesNo,
    submitValue: { action: 'project.flags', projectId: p.id },
  });
}

/** The same two choices on the new-project form (optional there: unset is 否). */
export function newProjectFlagPickers(): unknown[] {
  const picker = (name: string, label: string) => ({
    tag: 'select_static',
    name,
    placeholder: { tag: 'plain_text', content: `${label}？（可不选，默认否）` },
    options: yesNo,
  });
  return [picker('flag_strategic', '战略性新兴产业'), picker('flag_major', '重大项目')];
}

/** The new-project form's flags: 'yes' is true, anything else (unset) false. */
export function readNewProjectFlags(v: Record<string, unknown>): { strategicEmerging: boolean; majorProject: boolean } {
  return { strategicEmerging: v.flag_strategic === 'yes', majorProject: v.flag_major === 'yes' };
}

/** The form's answer: true/false per flag, or the field that is missing. */
export function readFlagsForm(
  v: Record<string, unknown>,
): { ok: true; strategicEmerging: boolean; majorProject: boolean } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const read = (name: string, label: string) => {
    if (v[name] === 'yes') return true;
    if (v[name] === 'no') return false;
    errors[name] = `请选择是否为${label}`;
    return false;
  };
  const strategicEmerging = read('flag_strategic', '战略性新兴产业');
  const majorProject = read('flag_major', '重大项目');
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, strategicEmerging, majorProject };
}
