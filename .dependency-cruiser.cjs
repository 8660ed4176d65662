// The bot's layers, from the bottom up:
//
//   domain    pure rules and calculations (no I/O)
//   db        reads and writes, through the generated Prisma client
//   feishu    the Open API: the SDK client, the outbox and its sender
//   sheets    Excel workbooks in and out
//   cards     what a card shows (views) and what its buttons do (actions)
//   commands  what a typed command does
//   jobs      what the scheduler runs
//   server    HTTP/WebSocket entry: decodes an event and hands it to a handler
//
// A layer imports only from layers below it; commands and jobs sit side by side and neither
// imports the other. `bot.ts` and `main.ts` wire everything together;
// `sandbox/` is a stand-in Feishu for running without credentials and is reached only from the wiring.
//
// Run: npm run deps

/** Files at src/ root that every layer may use: time, logging, configuration, error types. */
const ROOT_BASICS = '^src/(clock|log|config|errors)[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain holds the rules of the work plan as plain functions, so they can be tested and reused without ' +
        'a database or Feishu. It may import other src/domain files and npm packages only. Pass what the rule ' +
        'needs in as arguments (the caller in db/, cards/ or commands/ loads it) instead of importing the loader.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'db-below-handlers',
      severity: 'error',
      comment:
        'src/db reads and writes rows; handlers (cards, commands, jobs, server), sheets, feishu and the sandbox ' +
        'call it, never the other way round, or a query would depend on how a card looks. src/db may import ' +
        'src/db, src/domain, src/generated and the root basics (clock, log, config, errors). Move the shared ' +
        'piece down into src/domain, or return plain rows and let the caller shape them.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: ['^src/(db|domain|generated)/', ROOT_BASICS] },
    },
    {
      name: 'generated-client-only-in-db',
      severity: 'error',
      comment:
        'The generated Prisma client (src/generated) is used only by src/db, so the schema shows through one ' +
        'layer and a query can be found by looking in one folder. Add a function to a file in src/db and call it.',
      from: {
        path: '^src/',
        pathNot: [
          '^src/(db|generated)/',
          // The event batch runs its three statements (claim, look up, enqueue) as plain SQL on the
          // transaction's own connection, bypassing the client for speed; it needs `Prisma.sql` and
          // `Prisma.join` from the client module to build them. Only that file, only that module.
          '^src/server/events/batch-sql[.]ts$',
        ],
      },
      to: { path: '^src/generated/' },
    },
    {
      name: 'generated-client-only-in-db',
      severity: 'error',
      comment:
        'src/server/events/batch-sql.ts may import only the Prisma client module (for `Prisma.sql`), not other ' +
        'generated files: model types and enums come through src/db.',
      from: { path: '^src/server/events/batch-sql[.]ts$' },
      to: { path: '^src/generated/', pathNot: '^src/generated/prisma/client[.]ts$' },
    },
    {
      name: 'views-only-draw',
      severity: 'error',
      comment:
        'Card views (src/cards/*/view*.ts) and the shared card parts (src/cards/shared) turn data into card JSON ' +
        'and nothing else, so a card can be rendered in a test or a preview from plain values. They may not ' +
        'import the server, commands, jobs, or src/feishu (except feishu/answer.ts, the reply shapes). Load the ' +
        "data in the card's action and pass it to the view.",
      from: { path: ['^src/cards/[^/]+/view[^/]*[.]ts$', '^src/cards/shared/'] },
      to: { path: ['^src/(server|commands|jobs)/', '^src/feishu/(?!answer[.]ts$)'] },
    },
    {
      name: 'views-only-draw',
      severity: 'error',
      comment:
        'Card views (src/cards/*/view*.ts) and the shared card parts (src/cards/shared) may use the types of ' +
        'src/db rows and of src/deps.ts (`import type`), but never run their code: a view that queries cannot be ' +
        "rendered from plain values. Load the data in the card's action and pass it to the view.",
      from: { path: ['^src/cards/[^/]+/view[^/]*[.]ts$', '^src/cards/shared/'] },
      to: { path: ['^src/db/', '^src/deps[.]ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cards-not-above',
      severity: 'error',
      comment:
        'Cards sit below commands, jobs and the server: a command or job may show a card, a card never calls ' +
        'a command, job or server module. Move the shared code down (src/domain, src/db, or a card module) ' +
        'and import it from both.',
      from: { path: '^src/cards/' },
      to: { path: '^src/(commands|jobs|server)/' },
    },
    {
      name: 'commands-not-above',
      severity: 'error',
      comment:
        'Commands do not import jobs or the server: the server dispatches to commands, and what a command ' +
        'shares with a job belongs lower down (src/domain, src/db, src/cards).',
      from: { path: '^src/commands/' },
      to: { path: '^src/(jobs|server)/' },
    },
    {
      name: 'jobs-not-above',
      severity: 'error',
      comment:
        'Jobs do not import commands or the server: the scheduler runs jobs, and what a job shares with a ' +
        'command belongs lower down (src/domain, src/db, src/cards).',
      from: { path: '^src/jobs/' },
      to: { path: '^src/(commands|server)/' },
    },
    {
      name: 'feishu-below-handlers',
      severity: 'error',
      comment:
        'src/feishu talks to the Open API and knows nothing of what the bot says: it may not import cards, ' +
        'commands, jobs, the server or sheets. Pass the message in from the caller.',
      from: { path: '^src/feishu/' },
      to: { path: '^src/(cards|commands|jobs|server|sheets)/' },
    },
    {
      name: 'sheets-below-handlers',
      severity: 'error',
      comment:
        'src/sheets reads and writes workbooks for commands and tools; it may not import cards, commands, ' +
        'jobs or the server. Return the data and let the caller reply.',
      from: { path: '^src/sheets/' },
      to: { path: '^src/(cards|commands|jobs|server)/' },
    },
    {
      name: 'bot-never-imports-the-sandbox',
      severity: 'error',
      comment:
        'src/sandbox is a stand-in Feishu (Open API and a local page) for running without credentials. Only ' +
        'the wiring (src/bot.ts, src/main.ts) and src/tools may start it; the bot itself must behave the same ' +
        'against the real Feishu, so no handler, card or library module may reach into it.',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/(bot|main)[.]ts$', '^src/tools/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'bot-never-imports-the-sandbox',
      severity: 'error',
      comment:
        "src/sandbox/open-api plays Feishu's Open API and must know no more of the bot than the real one does: " +
        'it imports only src/sandbox/open-api and npm packages. What it needs from the bot (the roster to serve) ' +
        'is handed to it by the caller.',
      from: { path: '^src/sandbox/open-api/' },
      to: { path: '^src/', pathNot: '^src/sandbox/open-api/' },
    },
    {
      name: 'sheets-loaded-on-demand',
      severity: 'error',
      comment:
        'exceljs is large and only spreadsheet tasks (/export, /template, a file sent to the bot) need it, so the ' +
        'serving process loads it on the first such task, not at start. Outside src/sheets (and the CLIs in ' +
        'src/tools), reach src/sheets only through `await import(...)` inside the task that builds or reads the ' +
        'file; what a command needs before that (export kinds, the size limit) lives in src/sheets/kinds.ts, ' +
        'which imports no exceljs. test/ops/production-build.test.ts checks the built bundle and a real start.',
      from: { path: '^src/', pathNot: ['^src/sheets/', '^src/tools/'] },
      to: {
        path: ['^src/sheets/(?!kinds[.]ts$)', '(^|/)node_modules/exceljs/'],
        dependencyTypesNot: ['dynamic-import', 'type-only'],
      },
    },
    {
      name: 'sandbox-loaded-on-demand',
      severity: 'error',
      comment:
        'The built-in sandbox and its page run only without LARK_APP_ID; a real app never loads them. The ' +
        'wiring (src/bot.ts) imports them with `await import(...)` in sandbox mode only.',
      from: { path: '^src/(bot|main)[.]ts$' },
      to: { path: '^src/sandbox/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'no-playwright-in-the-bot',
      severity: 'error',
      comment:
        'playwright-core drives the browser tests (test/browser); it is a devDependency and never part of the ' +
        'bot. Nothing under src/ may import it.',
      from: { path: '^src/' },
      to: { path: '(^|/)node_modules/playwright-core/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle of imports makes module start-up order matter (a value can be undefined when first read) and ' +
        'ties the modules together so neither can be understood or tested alone. Break it by moving what both ' +
        'need into a third module lower down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'This import points at nothing: a misspelt path, a file that moved, or an npm package missing from ' +
        'package.json. Fix the path or add the package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment:
        'Nothing imports this module and it is not an entry point, so it is dead code. Delete it, import it ' +
        'from where it is needed, or (for a new CLI) name it *-cli.ts or put it in src/tools.',
      from: {
        orphan: true,
        pathNot: [
          '[.]d[.]ts$',
          '^src/main[.]ts$',
          '^src/tools/',
          '-cli[.]ts$',
          // The browser loads the page's code from index.html (served by sandbox/page/static.ts), not by import.
          '^src/sandbox/page/client/app[.]ts$',
          '^src/generated/',
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^src/generated/'] },
    // Type-only imports are edges too: they count for cycles and orphans, and views-only-draw tells them apart.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
