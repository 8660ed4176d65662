import type { MarkdownContext } from './markdown.js';

// What the card's parts share: the page's callbacks (CardContext), the form a component may sit in
// (FormScope), and the renderer every part draws its children with. card.ts implements the renderer;
// card-data.ts and card-inputs.ts draw through it, so they import its shape from here, not card.ts.

export interface ClickedAction {
  tag: string;
  name?: string;
  value?: Record<string, unknown>;
  form_value?: Record<string, unknown>;
  option?: string;
  options?: string[];
  checked?: boolean;
  input_value?: string;
}

export interface CardContext extends MarkdownContext {
  /** Sends a card callback; resolves when the answer (toast / replacement card) is in. */
  act(action: ClickedAction): Promise<void>;
  toast(type: string, text: string): void;
  confirm(title: string, text: string): Promise<boolean>;
  /** open_ids of the chat's members (person pickers without options). */
  chatMembers(): string[];
}

export interface Field {
  name: string;
  required: boolean;
  /** The value as Feishu sends it in form_value; undefined = not filled. */
  value(): unknown;
  reset(): void;
}

export class FormScope {
  readonly fields: Field[] = [];
  add(f: Field): void {
    this.fields.push(f);
  }
  values(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields) {
      const v = f.value();
      if (v !== undefined) out[f.name] = v;
    }
    return out;
  }
  missingRequired(): string[] {
    return this.fields.filter((f) => f.required && isEmpty(f.value())).map((f) => f.name);
  }
  reset(): void {
    for (const f of this.fields) f.reset();
  }
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Draws a card's parts: card.ts's renderer, handed to every element's drawing function. */
export interface Renderer {
  readonly ctx: CardContext;
  /** The form the element sits in, if any: its inputs register a field instead of calling back. */
  readonly form?: FormScope;
  withForm(form: FormScope): Renderer;
  elements(list: unknown): Node[];
  element(el: unknown): Node;
  /** A text object (plain_text / lark_md) or a bare string. */
  text(t: unknown): Node;
}
