// Side-effect imports: each command and card module registers itself. Every issue adds its lines.
import './cards/import-preview.js';
import './commands/import-file.js';
import './commands/template.js';
import './commands/export.js';
