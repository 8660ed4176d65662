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
  /** Writes of a project's stage or amounts (or writes whose data cannot be seen), and raw SQL writing "Project". */
  projectStageWrites: Found[];
}

/** Project columns only src/db/project-writes.ts may write: the stage, its dates and the amounts. */
const STAGE_AND_AMOUNTS = new Set([
  'stage',
  'signedOn',
  'startedOn',
  'producingOn',
  'atTargetOn',
  'investment',
  'fundsInPlace',
  'foreignCapitalUsd',
]);
const PROJECT_WRITE = /^(create|createMany|update|updateMany|upsert)$/;
const RAW_PROJECT_WRITE = /(UPDATE|INSERT\s+INTO)\s+"Project"\s/i;

/**
 * The property names a project write's `data` may set: read from an object literal, or from the
 * declared type of a parameter (an interface in the same file). null when they cannot be seen (a
 * spread, a computed key, data from elsewhere), which counts as writing everything.
 */
function dataKeys(call: ts.CallExpression, sf: ts.SourceFile): string[] | null {
  const arg = call.arguments[0];
  if (!arg || !ts.isObjectLiteralExpression(arg)) return null;
  const keys: string[] = [];
  for (const prop of arg.properties) {
    const name = prop.name && ts.isIdentifier(prop.name) ? prop.name.text : undefined;
    if (name === 'where' || name === 'select' || name === 'include') continue;
    if (name !== 'data' && name !== 'create' && name !== 'update') return null;
    const value = ts.isPropertyAssignment(prop)
      ? prop.initializer
      : ts.isShorthandPropertyAssignment(prop)
        ? prop.name
        : undefined;
    const inner = value && keysOfValue(value, sf);
    if (!inner) return null;
    keys.push(...inner);
  }
  return keys;
}

function keysOfValue(value: ts.Expression, sf: ts.SourceFile): string[] | null {
  if (ts.isObjectLiteralExpression(value)) {
    const keys: string[] = [];
    for (const p of value.properties) {
      if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name))
        keys.push(p.name.text);
      else return null;
    }
    return keys;
  }
  if (ts.isIdentifier(value)) return keysOfDeclaredType(value.text, sf);
  return null;
}

/** The members of the interface a parameter of that name is declared with, in this file. */
function keysOfDeclaredType(name: string, sf: ts.SourceFile): string[] | null {
  let typeName: string | undefined;
  const findParam = (n: ts.Node): void => {
    if (
      ts.isParameter(n) &&
      ts.isIdentifier(n.name) &&
      n.name.text === name &&
      n.type &&
      ts.isTypeReferenceNode(n.type)
    )
      typeName = n.type.typeName.getText(sf);
    ts.forEachChild(n, findParam);
  };
  findParam(sf);
  const decl = sf.statements.find(
    (st): st is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(st) && st.name.text === typeName,
  );
  if (!decl) return null;
  return decl.members.map((m) => (m.name && ts.isIdentifier(m.name) ? m.name.text : '[computed]'));
}

/** The last name of an expression: `db` for `db`, `deps.db` and `this.db`. */
function tailName(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function scan(files: string[], models: Set<string>): Scan {
  const out: Scan = { modelCalls: [], rawCalls: [], auditLogCreates: [], outboxInserts: [], projectStageWrites: [] };
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const found = (node: ts.Node): Found => {
      const start = node.getStart(sf);
      const line = sf.getLineAndCharacterOfPosition(start).line + 1;
      return { file, line, text: text.split('\n')[line - 1]!.trim() };
    };
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        PROJECT_WRITE.test(node.expression.name.text) &&
        ts.isPropertyAccessExpression(node.expression.expression) &&
        node.expression.expression.name.text === 'project'
      ) {
        const keys = dataKeys(node, sf);
        if (!keys || keys.some((k) => STAGE_AND_AMOUNTS.has(k) || k === '[computed]'))
          out.projectStageWrites.push(found(node));
      }
      if (
        (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) &&
        RAW_PROJECT_WRITE.test(node.text)
      )
        out.projectStageWrites.push(found(node));
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

  it('writes a project’s stage and amounts only in src/db/project-writes.ts (where the signing gate is)', () => {
    expect(result.projectStageWrites.some((f) => f.file === 'src/db/project-writes.ts')).toBe(true);
    const elsewhere = result.projectStageWrites.filter((f) => f.file !== 'src/db/project-writes.ts');
    expect(
      elsewhere.map(where),
      'a project write that may set its stage or amounts outside src/db/project-writes.ts: add a function there ' +
        '(it passes the signing gate), or write only other columns, as an object literal the scan can read',
    ).toEqual([]);
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
