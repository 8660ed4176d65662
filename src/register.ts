// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
import './commands/progress.js';
import './commands/rank.js';
import './commands/leads.js';
import './commands/projects.js';
import './commands/overdue.js';
import './commands/quota.js';
import './commands/bind-group.js';
import './cards/bulletin.js';
import './jobs/report-reminders.js';
import './jobs/task-warnings.js';
import './jobs/quarterly-bulletin.js';
