import fs from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { projectFile } from '../../db/project-files.js';

// The page's files: index.html and style.css as they are, and the browser code written in
// TypeScript (client/*.ts, type-checked by the project's tsc) served as ES modules after a
// type-stripping transform — no bundler, each module imports the next by its `.js` name.

// From the project, not from this module: bundled into dist/ it no longer sits beside them.
const HERE = projectFile('src', 'sandbox', 'page');
const PUBLIC_DIR = path.join(HERE, 'public');
const CLIENT_DIR = path.join(HERE, 'client');
const SAFE_NAME = /^[a-z0-9-]+\.(js|css|html)$/;

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

interface Cached {
  mtimeMs: number;
  body: string;
}
const cache = new Map<string, Cached>();

export interface StaticFile {
  type: string;
  body: string;
}

/** A file of the page by its public name, or undefined for anything else (no path tricks). */
export async function readStatic(name: string): Promise<StaticFile | undefined> {
  if (!SAFE_NAME.test(name)) return undefined;
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const file = ext === 'js' ? path.join(CLIENT_DIR, name.replace(/\.js$/, '.ts')) : path.join(PUBLIC_DIR, name);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return { type: TYPES[ext]!, body: hit.body };
  const source = fs.readFileSync(file, 'utf8');
  const body =
    ext === 'js'
      ? (
          await transform(source, {
            loader: 'ts',
            format: 'esm',
            target: 'es2022',
            sourcefile: name.replace(/\.js$/, '.ts'),
          })
        ).code
      : source;
  cache.set(file, { mtimeMs: stat.mtimeMs, body });
  return { type: TYPES[ext]!, body };
}
