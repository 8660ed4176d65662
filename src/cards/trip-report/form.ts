import { z } from 'zod';
import { isWithinTrip } from '../../domain/trip-rules.js';
import { optionalText, pastDateField, phoneField, requiredText } from '../shared/fields.js';

// The visit form of the trip report card: one visit per submit, dated within the trip.

export function visitSchema(trip: { startDate: string; endDate: string }, today: string) {
  return z.object({
    visit_date: pastDateField('拜访日期', today).refine(
      (d) => isWithinTrip(d, trip),
      `拜访日期应在本次外出的 ${trip.startDate} 至 ${trip.endDate} 之间`,
    ),
    contact_name: requiredText('姓名', 50),
    visit_company: requiredText('单位', 100),
    position: optionalText('职务', 50),
    visit_phone: phoneField('联系方式'),
    address: optionalText('地址', 200),
    business_scope: optionalText('经营范围', 500),
    investment_intent: optionalText('投资意向', 500),
  });
}
