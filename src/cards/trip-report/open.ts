import type { Db } from '../../db/client.js';
import { loadTripReport } from '../../db/trip-reports.js';
import type { Card } from '../../feishu/answer.js';
import type { When } from '../shared/when.js';
import { drawTripReport } from './view.js';

/** The trip report card as the trip stands (fillable, or read-only once reported). */
export async function tripReportCard(
  db: Db,
  tripId: number,
  when: When,
  opts: { notice?: string } = {},
): Promise<Card> {
  const t = await loadTripReport(db, tripId);
  if (!t) throw new Error(`trip ${tripId} not found`);
  return drawTripReport(t, when, opts);
}
