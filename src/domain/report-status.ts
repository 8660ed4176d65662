import { REPORT_DUE_DAY } from './vocabulary.js';

// Monthly reports in three buckets (on time, late, missing), plus exempt (免报) and not yet due.
// Exempt months are never missing: they count neither for nor against a squad.

export type ReportBucket = 'ON_TIME' | 'LATE' | 'MISSING' | 'EXEMPT' | 'PENDING';

export const REPORT_BUCKET_LABELS: Record<ReportBucket, string> = {
  ON_TIME: '按时报送',
  LATE: '逾期补报',
  MISSING: '未报送',
  EXEMPT: '免报',
  PENDING: '未到截止日',
};

export interface ReportFact {
  status: string; // DRAFT | SUBMITTED | EXEMPT
  late: boolean;
}

export interface DateRange {
  fromDate: string;
  toDate: string;
}

/** The last day a month's report is on time: "before the 28th" = by the end of the 27th. */
function lastOnTimeDay(month: string): string {
  return `${month}-${String(REPORT_DUE_DAY - 1).padStart(2, '0')}`;
}

/** The first day a report of `month` counts as missing (the 28th). */
export function deadlineDay(month: string): string {
  return `${month}-${String(REPORT_DUE_DAY).padStart(2, '0')}`;
}

/**
 * A squad-level exemption covers a month when it covers that month's last on-time day: a leader
 * who marks "nothing to report in June" picks a range that includes June 27.
 */
export function isExemptMonth(exemptions: DateRange[], month: string): boolean {
  const day = lastOnTimeDay(month);
  return exemptions.some((e) => e.fromDate <= day && e.toDate >= day);
}

/** Which bucket a squad's report for `month` is in, as of `today` ('YYYY-MM-DD', local). */
export function bucketOfReport(
  report: ReportFact | undefined,
  exempt: boolean,
  month: string,
  today: string,
): ReportBucket {
  if (report?.status === 'EXEMPT' || exempt) return 'EXEMPT';
  if (report?.status === 'SUBMITTED') return report.late ? 'LATE' : 'ON_TIME';
  return today >= deadlineDay(month) ? 'MISSING' : 'PENDING';
}

export interface ReportCounts {
  onTime: number;
  late: number;
  missing: number;
  exempt: number;
  /** months that count: on time + late + missing */
  due: number;
}

export function countBuckets(buckets: ReportBucket[]): ReportCounts {
  const c = { onTime: 0, late: 0, missing: 0, exempt: 0, due: 0 };
  for (const b of buckets) {
    if (b === 'ON_TIME') c.onTime++;
    else if (b === 'LATE') c.late++;
    else if (b === 'MISSING') c.missing++;
    else if (b === 'EXEMPT') c.exempt++;
  }
  c.due = c.onTime + c.late + c.missing;
  return c;
}
