import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// The demo district's dice and words: a seeded generator (the same day gives the same district) and
// the names, places and phrases the demo's companies, visits and reports are made of. Phones are
// 1390000xxxx, plainly not anyone's.

/** mulberry32: small, fast and good enough for made-up data; never for anything secret. */
export class Dice {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An amount in 万元, rounded to a hundred. */
  amount(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) / 100) * 100;
  }
}

export const CITIES = ['深圳', '东莞', '广州', '佛山', '苏州', '温州', '宁波', '厦门', '南宁', '玉林', '中山', '晋江'];
export const BRANDS = [
  '华锐',
  '盛丰',
  '鑫达',
  '宏图',
  '恒通',
  '金源',
  '新宇',
  '同创',
  '嘉诚',
  '永泰',
  '瑞丰',
  '天成',
  '中邦',
  '德信',
  '远航',
  '博瑞',
  '荣盛',
  '万和',
  '立信',
  '富联',
  '海川',
  '众益',
  '安达',
  '星辉',
  '正邦',
  '广隆',
  '利华',
  '长青',
];
const SURNAMES = ['陈', '李', '黄', '张', '王', '林', '刘', '吴', '杨', '周', '郑', '何', '梁', '谢', '罗', '蒋'];
const GIVEN = [
  '志强',
  '建华',
  '国栋',
  '丽萍',
  '海波',
  '文军',
  '晓东',
  '美玲',
  '振宇',
  '少华',
  '永明',
  '雪梅',
  '家豪',
  '伟',
];
export const POSITIONS = ['董事长', '总经理', '副总经理', '投资总监', '厂长', '行政总监'];
export const INTENTS = [
  '有意在港南设立生产基地，希望了解用地和标准厂房政策',
  '考虑将部分产能转移到港南，年内派人实地考察',
  '计划新建生产线，关注物流成本和用工',
  '对港南的区位和电价有兴趣，愿意保持联系',
  '希望在港南设区域分拨中心',
];

/** What each squad's companies do, after its 重点招商领域; towns take the general list. */
export const WORDS: Record<string, readonly string[]> = {
  MAJOR_PROJECTS: ['新能源', '智能装备', '现代物流', '绿色建材', '精细化工'],
  PROJECT_SERVICE: ['机电安装', '供应链管理', '环保科技', '工程建设'],
  MACHINERY_ELECTRONICS: ['精密机械', '电子科技', '五金制品', '家用电器', '包装机械', '锂电科技'],
  TEXTILE_DOWN: ['羽绒制品', '服饰', '纺织', '鞋业', '家纺'],
  AGRI_TOURISM_LOGISTICS: ['农业科技', '食品', '冷链物流', '粮油', '生态农业'],
  HEALTH_MATERIALS: ['生物医药', '健康产业', '新材料', '节能环保', '康养'],
  WOOD_PROCESSING: ['木业', '家具', '竹木制品', '纸业', '教具'],
  TOWN: ['食品', '建材', '电子', '农业开发', '服装', '物流', '陶瓷'],
};

/** Words of strategic emerging industries (战略性新兴产业): such signings weigh more in the score. */
export const STRATEGIC = new Set(['新能源', '智能装备', '锂电科技', '生物医药', '新材料', '节能环保']);

export function personName(d: Dice): string {
  return d.pick(SURNAMES) + d.pick(GIVEN);
}

export function phone(d: Dice): string {
  return `1390000${String(d.int(0, 9999)).padStart(4, '0')}`;
}

/** 'YYYY-MM-DD' plus n days. */
export function plusDays(date: string, n: number): string {
  return dayjs(date).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole days from a to b. */
export function daysFrom(a: string, b: string): number {
  return dayjs(b).diff(dayjs(a), 'day');
}

/** That local day at that hour in the time zone, as an instant. */
export function instantOf(date: string, hour: number, tz: string): Date {
  return dayjs.tz(`${date} ${String(hour).padStart(2, '0')}:00`, tz).toDate();
}

/** The smaller of two dates. */
export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
