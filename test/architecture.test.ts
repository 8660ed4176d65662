import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Rules about where database access lives, checked on the source text (the import rules are in
// .dependency-cruiser.cjs; these are about calls, which an import graph cannot see). Each failure
// names the file and line, so the fix is to move that call into a function in src/db/.
//
// The source is parsed with the TypeScript compiler, so calls are matched as code: a comment or a
// string that mentions `$queryRaw` is not a call, and a call split over lines is still one.

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');

/** Every TypeScript file of the bot, but not the generated Prisma client. */
function sourceFiles(): string[] {
  return (fs.readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => path.join('src', f).split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('src/generated/'))
    .sort();
}

/** Model accessors on a Prisma client (`person`, `auditLog`, …), from the schema's `model` blocks. */
function modelAccessors(): Set<string> {
  const schema = fs.readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8');
  return new Set([...schema.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]![0]!.toLowerCase() + m[1]!.slice(1)));
}

const MODEL_METHOD = /^(find|create|update|upsert|delete)|^(count|aggregate|groupBy)$/;
const RAW_METHOD = /^\$(queryRaw|executeRaw)/;
/** The names a Prisma client goes by here: `deps.db`, `this.db`, `db`, a transaction's `tx`, `prisma`. */
const CLIENT_NAMES = new Set(['db', 'tx', 'prisma']);
const OUTBOX_INSERT = /INSERT\s+INTO\s+"Outbox"/i;

interface Found {
  file: string;
  line: number;
  text: string;
}

interface Scan {
  modelCalls: Found[];
  rawCalls: Found[];
  auditLogCreates: Found[];
  outboxInserts: Found[];
}

/** The last name of an expression: `db` for `db`, `deps.db` and `this.db`. */
function tailName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function scan(files: string[], models: Set<string>): Scan {
  const out: Scan = { modelCalls: [], rawCalls: [], auditLogCreates: [], outboxInserts: [] };
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const found = (node: ts.Node): Found => {
      const start = node.getStart(sf);
      const line = sf.getLineAndCharacterOfPosition(start).line + 1;
      return { file, line, text: text.split('\n')[line - 1]!.trim() };
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const name = node.name.text;
        const target = node.expression;
        if (RAW_METHOD.test(name)) out.rawCalls.push(found(node));
        if (ts.isPropertyAccessExpression(target) && models.has(target.name.text)) {
          const client = tailName(target.expression);
          if (MODEL_METHOD.test(name) && client && CLIENT_NAMES.has(client)) out.modelCalls.push(found(node));
          if (target.name.text === 'auditLog' && /^create/.test(name)) out.auditLogCreates.push(found(node));
        }
      } else if (
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) &&
        OUTBOX_INSERT.test(node.text)
      ) {
        out.outboxInserts.push(found(node));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const where = (f: Found) => `${f.file}:${f.line}: ${f.text}`;

/** Where queries may be written: the data layer, and the event batch's hand-written SQL. */
const MAY_QUERY = /^src\/(db|server\/events)\//;

describe('architecture', () => {
  const result = scan(sourceFiles(), modelAccessors());

  it('finds the calls it looks for (the scan itself works)', () => {
    // If these are ever empty the scan is broken (a renamed folder, a parse change), not the code clean.
    expect(result.modelCalls.some((f) => f.file.startsWith('src/db/'))).toBe(true);
    expect(result.rawCalls.some((f) => f.file.startsWith('src/db/'))).toBe(true);
    expect(result.auditLogCreates.some((f) => f.file === 'src/db/audit-trail.ts')).toBe(true);
  });

  it('calls Prisma models and raw SQL only in src/db (and the event batch in src/server/events)', () => {
    const outside = [...result.modelCalls, ...result.rawCalls].filter((f) => !MAY_QUERY.test(f.file));
    expect(
      outside.map(where),
      'Prisma calls outside src/db: move each into a function in a src/db/ file and call that',
    ).toEqual([]);
  });

  it('writes the audit log only through src/db/audit-trail.ts', () => {
    const elsewhere = result.auditLogCreates.filter((f) => f.file !== 'src/db/audit-trail.ts');
    expect(elsewhere.map(where), 'auditLog.create outside src/db/audit-trail.ts: call recordAudit').toEqual([]);
  });

  it('builds the Outbox INSERT in one file only', () => {
    const files = new Set(result.outboxInserts.map((f) => f.file));
    expect(files.size, 'INSERT INTO "Outbox" must be written in one file').toBeGreaterThan(0);
    expect(
      files.size > 1 ? result.outboxInserts.map(where) : [],
      'INSERT INTO "Outbox" in more than one file: use outboxInsert / insertOutboxRows from src/db/outbox.ts',
    ).toEqual([]);
  });
});
