// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
import './commands/trip-report.js';
import './commands/lead.js';
import './commands/project.js';
import './cards/lead.js';
import './cards/trip-report-actions.js';
import './cards/project-actions.js';
import './cards/project-tasks.js';
import './commands/bind.js';
import './commands/report.js';
import './cards/monthly-report-actions.js';
import './commands/trip.js';
import './cards/trip-plan.js';
import './cards/trip-approval.js';
import './cards/import-preview.js';
import './commands/import-file.js';
import './commands/template.js';
import './commands/export.js';
