// @ts-expect-error: Prisma's wasm query compiler glue has no type declarations.
import { QueryCompiler as SqliteCompiler } from '@prisma/client/runtime/query_compiler_bg.sqlite.mjs';
// @ts-expect-error: as above.
import { QueryCompiler as PgCompiler } from '@prisma/client/runtime/query_compiler_bg.postgresql.mjs';
import { noteOperation, noteOperations } from './op-count.js';
import { parameterised, withValues } from './plan-parameters.js';

/**
 * Remembers the query plans Prisma's query compiler made, per compiler and per request.
 *
 * Every ORM call is compiled to a plan by a WebAssembly compiler before it runs; on the submit bench
 * that compilation was the largest single share of the bot's CPU (see the README's Performance
 * section). Prisma 6 compiles the same request again each time. A plan is a pure function of the
 * request's JSON (model, operation, arguments with their values) and the compiler's schema, and the
 * executor only reads it, so the same request text gets the same plan back from here. Many requests
 * repeat exactly (settings, squad names, the roster, the calendar); ones with new values
 * (an id, a typed text) are compiled as before; up to MAX_PLANS plans are kept per compiler, the
 * least recently used forgotten first, so the repeating ones stay.
 *
 * Requests that differ only in the values their `where` compares a field with (a lead by its id, a
 * report by squad and month) share one plan: the values are taken out as the compiler's parameters
 * (`{ $type: 'Param' }`), the plan of that shape is compiled once, and each call gets a copy of it
 * with its own values put where the parameters stood (parameters.ts). Only plain numbers and
 * strings compared for equality at the top of `where` (or inside a compound unique key) are taken
 * out; null, dates, lists and filters stay in the request, since the SQL differs with them.
 */
const MAX_PLANS = 1000;

export const planCacheStats = { hits: 0, misses: 0 };

type Compiler = { compile(request: string): unknown; compileBatch(request: string): unknown };

function memoise(proto: Compiler): void {
  const compile = proto.compile;
  if ((compile as { memoised?: boolean }).memoised) return;
  const caches = new WeakMap<object, Map<string, unknown>>();
  const memo = function (this: Compiler, request: string): unknown {
    noteOperation();
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const hit = cache.get(request);
    if (hit !== undefined) {
      planCacheStats.hits++;
      cache.delete(request);
      cache.set(request, hit);
      return hit;
    }
    const shaped = parameterised(request);
    const key = shaped ? shaped.shape : request;
    let plan = cache.get(key);
    if (plan !== undefined) {
      planCacheStats.hits++;
      cache.delete(key);
      cache.set(key, plan);
    } else {
      planCacheStats.misses++;
      plan = deepFreeze(compile.call(this, key));
      if (cache.size >= MAX_PLANS) cache.delete(cache.keys().next().value as string);
      cache.set(key, plan);
    }
    return shaped ? withValues(plan, shaped.values) : plan;
  };
  proto.compile = Object.assign(memo, { memoised: true });
  // Calls Prisma gathers into one request (findUnique calls of one tick) are compiled together;
  // they are not cached, only counted, one operation each.
  const compileBatch = proto.compileBatch;
  proto.compileBatch = function (this: Compiler, request: string): unknown {
    noteOperations(() => (JSON.parse(request) as { batch: unknown[] }).batch.length);
    return compileBatch.call(this, request);
  };
}

/** A plan shared by many calls must not change under any of them: frozen, a write would throw. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

memoise(SqliteCompiler.prototype as Compiler);
memoise(PgCompiler.prototype as Compiler);
