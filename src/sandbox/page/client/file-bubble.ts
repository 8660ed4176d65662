import { downloadUrl, type MessageView } from './api.js';
import { h, isObj, textOf } from './dom.js';

// A file message as Feishu shows it: a card-like bubble with the file's type, name and size, and a
// link that downloads it from the sandbox's file store.

/** 1234 → "1.2 KB"; sizes as a chat app writes them. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file's name: from the sandbox's store, else the message content's file_name. */
export function fileNameOf(m: MessageView): string {
  const c = isObj(m.content) ? m.content : {};
  return m.file?.name ?? (textOf(c.file_name) || '文件');
}

export function fileBubble(m: MessageView): HTMLElement {
  const name = fileNameOf(m);
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase() ?? '文件';
  const file = m.file;
  return h(
    'div',
    { class: 'bubble file-bubble' },
    h('div', { class: `file-icon ${/^XLSX?$/.test(ext) ? 'file-icon-xls' : ''}`, 'aria-hidden': 'true' }, ext),
    h(
      'div',
      { class: 'file-info' },
      h('div', { class: 'file-name', title: name }, name),
      h('div', { class: 'file-size' }, file ? sizeText(file.size) : '文件已不在沙箱中（重启后不再保存）'),
    ),
    file
      ? h(
          'a',
          { class: 'file-download', href: downloadUrl(file.url), download: name, 'aria-label': `下载 ${name}` },
          '下载',
        )
      : null,
  );
}
