// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
import './commands/bind.js';
import './commands/report.js';
import './cards/monthly-report-actions.js';
import './commands/trip.js';
import './cards/trip-plan.js';
import './cards/trip-approval.js';
