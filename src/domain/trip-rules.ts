import { TRIP_MIN_LEADS, TRIP_MIN_VISITS } from './vocabulary.js';

export { TRIP_MIN_LEADS, TRIP_MIN_VISITS };

export interface TripShortfall {
  /** True when the trip falls short of the plan's rule (≥6 visits and ≥3 leads per trip). */
  short: boolean;
  missingVisits: number;
  missingLeads: number;
}

/** The plan's rule for one trip: submitting short is allowed, but marked and the captain is told. */
export function assessTrip(counts: { visits: number; leads: number }): TripShortfall {
  const missingVisits = Math.max(0, TRIP_MIN_VISITS - counts.visits);
  const missingLeads = Math.max(0, TRIP_MIN_LEADS - counts.leads);
  return { short: missingVisits > 0 || missingLeads > 0, missingVisits, missingLeads };
}

/** The counters on the card: "已录入 4/6 家". */
export function describeTripProgress(counts: { visits: number; leads: number }): { visits: string; leads: string } {
  return {
    visits: `已录入 ${counts.visits}/${TRIP_MIN_VISITS} 家`,
    leads: `已录入 ${counts.leads}/${TRIP_MIN_LEADS} 条`,
  };
}

/** Is a visit date within the trip's dates (inclusive; 'YYYY-MM-DD' strings compare as dates)? */
export function isWithinTrip(date: string, trip: { startDate: string; endDate: string }): boolean {
  return date >= trip.startDate && date <= trip.endDate;
}

/** A trip's report can be filled once it has begun: its start date is today or earlier. */
export function hasTripBegun(trip: { startDate: string }, today: string): boolean {
  return trip.startDate <= today;
}

/** Trips that have begun, and the ones still ahead (soonest first), as /tripreport offers them. */
export function splitBegunTrips<T extends { startDate: string }>(
  trips: T[],
  today: string,
): { begun: T[]; ahead: T[] } {
  const begun = trips.filter((t) => hasTripBegun(t, today));
  const ahead = trips.filter((t) => !hasTripBegun(t, today)).sort((a, b) => a.startDate.localeCompare(b.startDate));
  return { begun, ahead };
}

/** The companies a trip plan lists: one per line, blank lines left out. */
export function plannedCompanies(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The plan's rule (每次至少拜访 6 家企业) said of a plan that lists fewer; null when it lists enough. */
export function plannedCompaniesWarning(count: number): string | null {
  return count < TRIP_MIN_VISITS
    ? `拟拜访企业 ${count} 家，少于方案要求的 ${TRIP_MIN_VISITS} 家（每次外出至少拜访 ${TRIP_MIN_VISITS} 家企业）`
    : null;
}
