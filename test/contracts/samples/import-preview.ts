// Samples of the spreadsheet import preview (导入预览): quotas and roster, waiting for the office's
// decision, applied, cancelled, and a file that changes nothing.
import { drawImportPreview } from '../../../src/cards/import-preview/view.js';
import type { DiffSummary } from '../../../src/domain/import-diff.js';
import { METRIC_LABELS, METRICS } from '../../../src/domain/vocabulary.js';
import type { SampleTable } from '../card-samples.js';
import { squads } from './data.js';

const FILE = '2018年招商引资目标任务分解表（定稿）**终版** <at id=all></at>.xlsx';
const ROSTER_FILE = '贵港市港北区招商工作名册_2018-06-20 <at id=all></at>.xlsx';

/** As previewQuotas words it: `<year> <squad> <metric> <target>`, first five of each kind. */
const quota = (i: number) => `2018 ${squads[i % squads.length]!.name} ${METRIC_LABELS[METRICS[i % METRICS.length]!]}`;
const quotas: DiffSummary = {
  added: 24,
  changed: 36,
  removed: 3,
  unchanged: 45,
  samples: {
    added: Array.from({ length: 5 }, (_, i) => `${quota(i)} ${35000 + i}`),
    changed: Array.from({ length: 5 }, (_, i) => `${quota(i + 5)}：${12000 + i} → ${15000 + i}`),
    removed: Array.from({ length: 3 }, (_, i) => `${quota(i + 10)} ${2 + i}`),
  },
};

/** As previewRoster words it: `<name>（<unit>）`, and what changed; user text with markup in it. */
const person = (i: number) => `队员${i}号 **(科长)** <at id=all></at>（港北区发展和改革局 [经济运行股] 第${i}办公室）`;
const fields = '姓名 张三→张三丰、手机、邮箱、职级、职务、角色、小分队';
const roster = (max: number): DiffSummary => ({
  added: 412,
  changed: 187,
  removed: 96,
  unchanged: 1024,
  samples: {
    added: Array.from({ length: max }, (_, i) => person(i + 1)),
    changed: Array.from({ length: max }, (_, i) => `${person(i + 100)}：${fields}`),
    removed: Array.from({ length: max }, (_, i) => person(i + 500)),
  },
});

const nothing: DiffSummary = {
  added: 0,
  changed: 0,
  removed: 0,
  unchanged: 108,
  samples: { added: [], changed: [], removed: [] },
};

export const importPreviewSamples: SampleTable = {
  'import-preview': {
    'quotas, waiting for the decision': () => drawImportPreview(3, 'QUOTAS', FILE, quotas),
    'quotas and goals that do not add up: a warning per metric and year': () =>
      drawImportPreview(6, 'QUOTAS', FILE, {
        ...quotas,
        samples: { ...quotas.samples, changed: ['2019 全区目标 到位资金：800000 → 900000', ...quotas.samples.changed] },
        warnings: [
          '2019 年 新签约亿元以上项目：各小分队合计 20 个，全区目标 18 个，多 2 个',
          '2019 年 到位资金：各小分队合计 800000 万元，全区目标 900000 万元，少 100000 万元',
          '2019 年 实际利用外资：各小分队合计 0 万美元，全区目标 8300 万美元，少 8300 万美元 <at id=all></at> **x**',
        ],
      }),
    'roster, large (hundreds of rows, five of each shown)': () =>
      drawImportPreview(4, 'ROSTER', ROSTER_FILE, roster(5)),
    'roster, only additions': () =>
      drawImportPreview(5, 'ROSTER', ROSTER_FILE, {
        ...roster(5),
        changed: 0,
        removed: 0,
        samples: { ...roster(5).samples, changed: [], removed: [] },
      }),
    'roster applied': () => drawImportPreview(4, 'ROSTER', ROSTER_FILE, roster(5), 'APPLIED'),
    'quotas cancelled': () => drawImportPreview(3, 'QUOTAS', FILE, quotas, 'CANCELLED'),
    'nothing to change': () => drawImportPreview(6, 'QUOTAS', FILE, nothing),
  },
};
