import { api } from './api.js';
import { attachRefusal } from './attach-rules.js';

// The 附件 button by the input box: pick an .xlsx and send it to the bot as a file message (the
// server stores it in the sandbox like Feishu's file store and delivers the event). A file the bot
// would not take (not .xlsx, empty, too large) is refused here with the reason, before any upload.

export interface AttachContext {
  me(): string;
  chatId(): string | undefined;
  maxBytes(): number;
  toast(type: string, text: string): void;
}

/** The file's bytes as base64 (the page's API takes JSON only). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`读取「${file.name}」失败，请重新选择文件。`));
    reader.readAsDataURL(file);
  });
}

export function setUpAttach(button: HTMLButtonElement, input: HTMLInputElement, ctx: AttachContext): void {
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    const chatId = ctx.chatId();
    if (!file || !chatId) return;
    const refused = attachRefusal(file.name, file.size, ctx.maxBytes());
    if (refused) {
      ctx.toast('error', refused);
      return;
    }
    button.disabled = true;
    button.classList.add('attach-busy');
    void base64Of(file)
      .then((data) => api.sendFile(ctx.me(), chatId, file.name, data))
      .then((res) => {
        if (res.status !== 200) ctx.toast('error', `机器人没有收下这个文件（HTTP ${res.status}），请稍后再试。`);
      })
      .catch((e: Error) => ctx.toast('error', e.message))
      .finally(() => {
        button.disabled = false;
        button.classList.remove('attach-busy');
      });
  });
}
