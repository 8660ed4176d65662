// Instants as dates and times in the configured time zone (Asia/Shanghai), through one cached
// Intl.DateTimeFormat per zone. (dayjs's tz plugin builds a formatter at every call: on the submit
// bench it was a few per cent of the bot's CPU, called many times per card.)

const formats = new Map<string, Intl.DateTimeFormat>();

function partsOf(at: Date, tz: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(tz, f);
  }
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of f.formatToParts(at)) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}

/** The calendar date of an instant in the configured time zone (Asia/Shanghai): 'YYYY-MM-DD'. */
export function localDate(at: Date, tz: string): string {
  const p = partsOf(at, tz);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant as people read it on a card: '2018-06-25 15:33'. */
export function localDateTime(at: Date, tz: string): string {
  const p = partsOf(at, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The month of an instant in the configured time zone: 'YYYY-MM'. */
export function localMonth(at: Date, tz: string): string {
  const p = partsOf(at, tz);
  return `${p.year}-${p.month}`;
}
