// `npm run build`: src/main.ts and everything it imports, bundled by esbuild into dist/main.js, run
// by `npm start` with plain node (no TypeScript loader in production).
//
// Pure-JavaScript packages are bundled in: node then loads one file instead of resolving and
// lexing hundreds of CommonJS modules at every start. Left outside, loaded from node_modules:
// native and wasm code (better-sqlite3, Prisma's runtime and query compiler), packages that start
// worker threads or processes from their own files (pino, esbuild), and those only some requests
// need (exceljs, loaded on the first spreadsheet) or only tests use (playwright-core).
// Code loaded with `await import()` (PostgreSQL, the sandbox, spreadsheets) goes into chunks of
// its own, read only when first needed.
import { build } from 'esbuild';

const EXTERNAL = ['better-sqlite3', '@prisma/*', 'pg', 'pg-native', 'pino', 'esbuild', 'exceljs', 'playwright-core'];

// `--bench` adds the submit bench's bot (bench/clocked-bot.ts: main's start with a set clock) as
// dist/clocked-bot.js, so the bench measures the same built code as `npm start` runs.
const entryPoints = { main: 'src/main.ts' };
if (process.argv.includes('--bench')) entryPoints['clocked-bot'] = 'bench/clocked-bot.ts';

const result = await build({
  entryPoints,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for node's built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  metafile: true,
  logLevel: 'warning',
});
const fs = await import('node:fs');
fs.writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
