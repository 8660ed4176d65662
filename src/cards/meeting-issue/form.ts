import { z } from 'zod';
import { ISSUE_HELP_MAX, ISSUE_HELP_MIN, ISSUE_TITLE_MAX, ISSUE_TITLE_MIN } from '../../domain/meeting-issue.js';
import { cleanFormValue, fieldErrorsOf, type FieldErrors } from '../shared/form.js';
import { NO_PROJECT } from './view.js';

// The issue form's fields (cards/meeting-issue.json), checked field by field; each message is shown
// in red under its field and says what to write.

const IssueForm = z.object({
  issue_title: z
    .string({ error: '问题：请写明要提请研究的问题' })
    .min(ISSUE_TITLE_MIN, `问题：请写清楚是什么问题（至少 ${ISSUE_TITLE_MIN} 个字）`)
    .max(ISSUE_TITLE_MAX, `问题：最多 ${ISSUE_TITLE_MAX} 个字，详细情况请写在下面的协调事项里`),
  issue_help: z
    .string({ error: '需要协调解决的事项：请写明需要领导小组协调解决什么' })
    .min(ISSUE_HELP_MIN, `需要协调解决的事项：请写具体一些（至少 ${ISSUE_HELP_MIN} 个字）`)
    .max(ISSUE_HELP_MAX, `需要协调解决的事项：最多 ${ISSUE_HELP_MAX} 个字，请精简`),
  issue_project: z
    .string()
    .regex(/^(none|\d{1,9})$/, '涉及项目：请从列表中选择，或选“不涉及具体项目”')
    .optional(),
});

export type IssueFormValues = { title: string; helpAsked: string; projectId: number | null };

export function readIssueForm(
  fv: Record<string, unknown>,
): { ok: true; data: IssueFormValues } | { ok: false; errors: FieldErrors } {
  const parsed = IssueForm.safeParse(cleanFormValue(fv));
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const p = parsed.data.issue_project;
  return {
    ok: true,
    data: {
      title: parsed.data.issue_title,
      helpAsked: parsed.data.issue_help,
      projectId: p === undefined || p === NO_PROJECT ? null : Number(p),
    },
  };
}
