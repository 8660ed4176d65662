// What handlers return: a command's reply (sent through the outbox) or a card callback's answer
// (the HTTP body of the 3 s answer).
// https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication

export type Card = Record<string, unknown>;

export type Reply = { kind: 'card'; card: Card } | { kind: 'text'; text: string } | { kind: 'none' };

export type ToastType = 'info' | 'success' | 'error' | 'warning';

export interface CardAnswer {
  toast?: { type: ToastType; content: string };
  card?: { type: 'raw'; data: Card };
}

export const reply = {
  card: (card: Card): Reply => ({ kind: 'card', card }),
  text: (text: string): Reply => ({ kind: 'text', text }),
  none: (): Reply => ({ kind: 'none' }),
};

export const answer = {
  toast: (content: string, type: ToastType = 'info'): CardAnswer => ({ toast: { type, content } }),
  error: (content: string): CardAnswer => ({ toast: { type: 'error', content } }),
  card: (card: Card): CardAnswer => ({ card: { type: 'raw', data: card } }),
  toastAndCard: (content: string, card: Card, type: ToastType = 'success'): CardAnswer => ({
    toast: { type, content },
    card: { type: 'raw', data: card },
  }),
  /** A form that did not validate: the first problem as a toast, and the card again with the user's input kept. */
  fieldErrors: (card: Card, errors: Record<string, string>, fallback = '请检查填写的内容'): CardAnswer => ({
    toast: { type: 'error', content: Object.values(errors)[0] ?? fallback },
    card: { type: 'raw', data: card },
  }),
  nothing: (): CardAnswer => ({}),
};
