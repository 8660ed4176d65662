// Samples of the lead card (招商线索登记) and the receipts drawn through cards/receipt.json.
import { describeDuplicate, describeNear, drawLeadCard, drawLeadReceipt } from '../../../src/cards/lead/view.js';
import { refillForm } from '../../../src/cards/shared/form.js';
import { buildReceipt } from '../../../src/cards/shared/receipt.js';
import type { LeadView } from '../../../src/db/leads.js';
import type { SampleTable } from '../card-samples.js';
import { captain, longText, NOW, office, SQUAD_NAME, squads, TZ } from './data.js';
import { tripReceiptSamples } from './trips.js';

const lead: LeadView = {
  id: 5,
  requestKey: 'req_5',
  companyKey: 'guangxi-yurong',
  company: '广西某某羽绒制品有限公司 **(集团)** <at id=all></at>',
  creditCode: '91440300708461136T',
  squadId: 2,
  tripId: null,
  source: 'INTERMEDIARY',
  intermediaryName: '贵港市羽绒行业协会',
  intermediaryReward: '按到位资金的千分之一奖励',
  sector: '羽绒加工',
  intendedInvestment: 120000,
  contactName: '李总',
  phone: '0775-1234567',
  description: longText(1000),
  ownerId: 11,
  createdOn: '2018-06-20',
  squadName: squads[1]!.name,
  ownerName: '发改局局长 <at id=all></at>',
  createdAt: NOW,
};

const typed = {
  company: lead.company,
  source: 'INTERMEDIARY',
  intermediary_name: lead.intermediaryName,
  investment: '一亿',
  phone: '123',
  description: lead.description,
};

export const leadSamples: SampleTable = {
  lead: {
    'member, own squad': () => drawLeadCard(captain, []),
    'office, squad picker of every squad': () => drawLeadCard(office, squads),
    'from a trip report, with the way back': () =>
      drawLeadCard(captain, [], { trip: { id: 7, version: 1529460000000, label: `${SQUAD_NAME} 深圳` } }),
    'duplicate notice, refilled': () =>
      refillForm(drawLeadCard(office, squads, { notice: describeDuplicate(lead) }), { ...typed, squad: '2' }),
    'duplicate by credit code': () =>
      refillForm(drawLeadCard(captain, [], { notice: describeDuplicate(lead, 'code') }), typed),
    'near names (可能重复) with the go-on button, three of them': () =>
      refillForm(
        drawLeadCard(captain, [], {
          notice: describeNear([lead, { ...lead, id: 6, company: longText(100) }, { ...lead, id: 7 }]),
          goOn: 'guangxi-yurong',
        }),
        typed,
      ),
    'near names from a trip report': () =>
      drawLeadCard(captain, [], {
        trip: { id: 7, version: 1529460000000, label: `${SQUAD_NAME} 深圳` },
        notice: describeNear([lead]),
        goOn: 'guangxi-yurong',
      }),
    'refilled with field errors': () =>
      refillForm(drawLeadCard(captain, []), typed, {
        investment: '意向投资额（万元）：看不懂「一亿」，请填写金额，如 3500、1.2亿、3500万',
        credit_code: '统一社会信用代码校验位不对，请对照营业执照核对；不清楚可以不填',
        phone: '联系电话格式不对：手机号为 1 开头的 11 位数字，座机请带区号（如 0775-1234567）',
      }),
  },
  receipt: {
    'lead registered, every line': () => drawLeadReceipt(lead, NOW, TZ),
    'lead registered, amount read from 1.2亿': () =>
      drawLeadReceipt(lead, NOW, TZ, ['意向投资额已按 12000 万元记录', '（联系电话仅本人可见）']),
    ...tripReceiptSamples,
    'generic receipt, long lines and notes': () =>
      buildReceipt({
        title: '月度汇报已提交',
        subtitle: SQUAD_NAME,
        tag: '逾期提交',
        color: 'orange',
        lines: Array.from({ length: 10 }, (_, i) => ({ label: `第${i + 1}项`, value: longText(300) })),
        notes: ["<font color='orange'>已过截止时间，标记为逾期。</font>"],
        by: '发改局局长',
        at: NOW,
        timezone: TZ,
      }),
  },
};
