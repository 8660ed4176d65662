import { h } from './dom.js';

// Toasts (the callback answer's toast, as Feishu shows it) and the confirm dialog of buttons.

let timer: ReturnType<typeof setTimeout> | undefined;

export function toast(type: string, text: string): void {
  const el = document.getElementById('toast')!;
  el.className = `toast toast-${['success', 'error', 'warning', 'info'].includes(type) ? type : 'info'}`;
  el.textContent = text;
  el.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (el.hidden = true), 4000);
}

export function confirmDialog(title: string, text: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ok = h('button', { type: 'button', class: 'btn btn-primary', id: 'confirm-ok' }, '确定');
    const cancel = h('button', { type: 'button', class: 'btn', id: 'confirm-cancel' }, '取消');
    const box = h(
      'div',
      { class: 'modal', role: 'dialog' },
      h(
        'div',
        { class: 'modal-box' },
        h('div', { class: 'modal-title' }, title || '请确认'),
        h('div', { class: 'modal-text' }, text),
        h('div', { class: 'modal-actions' }, cancel, ok),
      ),
    );
    const close = (v: boolean) => {
      box.remove();
      resolve(v);
    };
    ok.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    document.body.appendChild(box);
  });
}

export function timeText(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
