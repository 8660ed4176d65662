import type { Card } from '../../feishu/answer.js';
import { md, note, type Element } from '../shared/elements.js';
import { refillForm, type FieldErrors } from '../shared/form.js';
import { renderCard } from '../shared/template.js';

export interface SettingsForm {
  title: string;
  /** The line above the form: what the values mean. */
  about: string;
  footer: string;
  formName: string;
  inputs: Element[];
  saveName: string;
  /** The save button's callback value (its action and what it saves). */
  save: Record<string, unknown>;
  /** Markdown of the confirmation after a save, shown in green above the form. */
  saved?: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** A settings form card: the note, the saved line, the inputs with 保存, and 返回全部设置; refused inputs keep what was typed. */
export function settingsFormCard(f: SettingsForm): Card {
  const form: Element = {
    tag: 'form',
    name: f.formName,
    elements: [
      ...f.inputs,
      {
        tag: 'button',
        name: f.saveName,
        type: 'primary_filled',
        width: 'fill',
        form_action_type: 'submit',
        text: { tag: 'plain_text', content: '保存' },
        behaviors: [{ type: 'callback', value: f.save }],
      },
    ],
  };
  const elements: Element[] = [note(f.about)];
  if (f.saved) elements.push(md(`<font color='green'>${f.saved}</font>`));
  elements.push(form, {
    tag: 'button',
    name: 'settings_back',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: '返回全部设置' },
    behaviors: [{ type: 'callback', value: { action: 'settings.open' } }],
  });
  const card = renderCard('settings', { title: f.title, subtitle: '修改后点“保存”', elements, footer: f.footer });
  return Object.keys(f.errors).length > 0 ? refillForm(card, f.values, f.errors) : card;
}
