// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
// issue 8: joint pre-review, calendar, key projects, land
import './cards/review-start.js';
import './cards/review-opinion.js';
import './cards/review-overrule.js';
import './commands/review.js';
import './commands/calendar.js';
import './commands/key.js';
import './commands/land.js';
import './jobs/review-deadlines.js';
