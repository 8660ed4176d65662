import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The calendar date of an instant in the configured time zone (Asia/Shanghai): 'YYYY-MM-DD'. */
export function localDate(at: Date, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD');
}

/** An instant as people read it on a card: '2018-06-25 15:33'. */
export function localDateTime(at: Date, tz: string): string {
  return dayjs(at).tz(tz).format('YYYY-MM-DD HH:mm');
}
