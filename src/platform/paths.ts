// Files shipped with the code (public assets, demo data) are found relative to the project root,
// which is the same whether we run from src/ with tsx or from dist/src/ after the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const publicDir = path.join(projectRoot, 'public');
export const seedDir = path.join(projectRoot, 'seed');
