import { api, type JobView } from './api.js';
import { h } from './dom.js';

// The office panel: every registered scheduled job, run now for a chosen date and time.

function todayIn(timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

export async function renderOfficePanel(
  root: HTMLElement,
  openId: string,
  toast: (type: string, text: string) => void,
): Promise<void> {
  root.textContent = '';
  const { jobs, timezone } = await api.jobs();
  const date = h('input', { type: 'date', id: 'job-date' });
  date.value = todayIn(timezone);
  const time = h('input', { type: 'time', id: 'job-time' });
  time.value = '09:00';
  const log = h('ol', { class: 'job-log', id: 'job-log' });
  root.appendChild(
    h(
      'div',
      { class: 'office-intro' },
      '按所选日期和时间立即运行定时任务（提醒、逾期预警、季度红黑榜等），结果会像平时一样发到各个会话。同一时段重复运行不会重复发送。',
    ),
  );
  root.appendChild(
    h(
      'div',
      { class: 'job-when' },
      h('label', {}, '日期 ', date),
      h('label', {}, '时间 ', time),
      h('span', { class: 'muted' }, `（${timezone}）`),
    ),
  );
  if (!jobs.length) root.appendChild(h('p', { class: 'muted' }, '目前没有登记的定时任务。'));
  const list = h('ul', { class: 'job-list' });
  for (const job of jobs) list.appendChild(jobRow(job, openId, date, time, log, toast));
  root.appendChild(list);
  root.appendChild(h('h3', {}, '运行记录'));
  root.appendChild(log);
}

function jobRow(
  job: JobView,
  openId: string,
  date: HTMLInputElement,
  time: HTMLInputElement,
  log: HTMLElement,
  toast: (type: string, text: string) => void,
): HTMLElement {
  const run = h('button', { type: 'button', class: 'btn btn-primary', 'data-job': job.name }, '立即运行');
  run.addEventListener('click', async () => {
    if (!date.value) return toast('error', '请先选择运行日期');
    run.disabled = true;
    try {
      const out = await api.runJob(openId, job.name, date.value, time.value || '09:00');
      if (out.ok) {
        log.prepend(h('li', {}, `${out.at} · ${job.label}：${out.summary}`));
        toast('success', `${job.label}：${out.summary}`);
      } else toast('error', out.error);
    } catch (e) {
      toast('error', (e as Error).message);
    } finally {
      run.disabled = false;
    }
  });
  return h(
    'li',
    { class: 'job' },
    h(
      'div',
      {},
      h('div', { class: 'job-label' }, job.label),
      h('div', { class: 'muted' }, `${job.name} · ${job.cron}`),
    ),
    run,
  );
}
