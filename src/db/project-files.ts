import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file of the project (prisma/plan-2018.json, the sandbox page's files), found from the running
 * code, not from the working directory: the nearest folder above it with a package.json. The same
 * whether the code runs as TypeScript from src/ (tsx, tests) or bundled into dist/ (npm start).
 */
export function projectFile(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

let root: string | undefined;

function projectRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  root = dir;
  return root;
}
