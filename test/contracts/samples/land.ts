// Samples of `/land` (重点项目用地保障): key projects still waiting for land, longest wait first.
import { drawLandWaitingList } from '../../../src/cards/land/view.js';
import type { KeyProjectRow } from '../../../src/db/key-land.js';
import { landWaitingList } from '../../../src/domain/land.js';
import type { SampleTable } from '../card-samples.js';
import { longText, NOW, squads } from './data.js';

const TODAY = '2018-06-20';
const SET_USAGE = '/land set 12 50亩 已选址 2018-06-01 桥圩镇工业集中区';
const STATUSES = ['NONE', 'SITE_IDENTIFIED', 'LAND_APPROVED'];

const keyProject = (i: number): KeyProjectRow & { createdOn: string } => ({
  id: 40 + i,
  name: longText(100, `年产 ${i + 1} 万吨新型环保建材及装配式建筑构件生产项目 **（一期）** <at id=all></at>；`),
  squadId: (i % squads.length) + 1,
  squadName: squads[i % squads.length]!.name,
  stage: 'SIGNED',
  isKey: true,
  keyNotes: '一企一策：用地指标优先保障',
  landNeedMu: i % 4 === 3 ? null : 50 + i * 10,
  landLocation: i % 5 === 4 ? '' : `港北区桥圩镇工业集中区 [${i + 1}号地块] <at id=all></at>`,
  landStatus: STATUSES[i % 3]!,
  landStatusOn: i % 2 ? null : `2018-0${1 + (i % 5)}-0${1 + (i % 9)}`,
  createdAt: NOW,
  createdOn: '2017-12-01',
});

export const landSamples: SampleTable = {
  land: {
    'forty key projects waiting': () =>
      drawLandWaitingList(
        landWaitingList(
          Array.from({ length: 40 }, (_, i) => keyProject(i)),
          TODAY,
        ),
        TODAY,
        SET_USAGE,
      ),
    'every key project supplied': () => drawLandWaitingList([], TODAY, SET_USAGE),
  },
};
