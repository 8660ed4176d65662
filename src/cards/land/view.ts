import type { KeyProjectRow } from '../../db/key-land.js';
import { LAND_STATUS_LABELS } from '../../domain/land.js';
import type { LandStatus } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// `/land`: key projects still waiting for land, longest wait first (cards/land.json).

export type LandWaitingRow = KeyProjectRow & { since: string; daysWaiting: number };

/** `setUsage` is the command line that records progress, shown in the footer. */
export function drawLandWaitingList(rows: LandWaitingRow[], today: string, setUsage: string): Card {
  const md = escapeMarkdown;
  const lines = rows.map(
    (p, i) =>
      `${i + 1}. **${md(p.name)}**（#${p.id}，${md(p.squadName)}）\n` +
      `    ${LAND_STATUS_LABELS[p.landStatus as LandStatus] ?? p.landStatus}` +
      `${p.landNeedMu !== null ? ` · ${p.landNeedMu} 亩` : ' · 面积未填'}` +
      `${p.landLocation ? ` · ${md(p.landLocation)}` : ''} · 自 ${p.since} 起已等待 **${p.daysWaiting} 天**`,
  );
  return renderCard('land', {
    subtitle: `${today} · ${rows.length} 个重点项目尚未供地`,
    rows: lines.join('\n') || '所有重点项目均已供地。',
    footer: `按在当前状态停留的天数排序，等待最久的在前。记录进展：${setUsage}`,
  });
}
