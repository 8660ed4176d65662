import { z } from 'zod';
import { tripDateErrors } from '../../domain/trip-routing.js';
import { plannedCompanies } from '../../domain/trip-rules.js';
import { pickerDate, type FieldErrors } from '../shared/form.js';

// The trip plan form (cards/trip-plan.json).

/** How many days back a plan may still be filed (a trip already under way). */
export const TRIP_MAX_PAST_DAYS_SETTING = 'trip.maxPastDays';

const TripForm = z.object({
  destination: z
    .string({ message: '目的地：请填写要去的城市或地区' })
    .trim()
    .min(1, '目的地：请填写要去的城市或地区')
    .max(100, '目的地：最多 100 字'),
  companies: z.string().trim().max(1000, '拟拜访企业：最多 1000 字，请精简').default(''),
  people: z.array(z.string()).default([]),
});

/** The plan form, checked field by field; the dates also against today and how far back a plan may be filed. */
export function parseTripForm(fv: Record<string, unknown>, today: string, maxPastDays: number) {
  const errors: FieldErrors = {};
  const parsed = TripForm.safeParse({
    ...fv,
    people: Array.isArray(fv.people) ? fv.people : fv.people ? [fv.people] : [],
  });
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const start = pickerDate(fv.start_date);
  const end = pickerDate(fv.end_date);
  for (const [k, v] of Object.entries(tripDateErrors(start, end, today, maxPastDays))) errors[k] ??= v;
  if (!parsed.success || Object.keys(errors).length) return { ok: false as const, errors };
  const companies = plannedCompanies(parsed.data.companies).join('\n');
  return { ok: true as const, data: { ...parsed.data, companies, startDate: start!, endDate: end! } };
}
