// Our own CSS, icons and (later) scripts, served from /assets/<version>/… with a year of caching.
// The version is a hash of the files, so a changed file gets a new URL.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { publicDir } from '../paths.js';

export function assetVersionOf(dir: string = publicDir): string {
  const hash = createHash('sha256');
  const walk = (current: string) => {
    for (const name of fs.readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else hash.update(name).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 12);
}

export async function registerAssets(app: FastifyInstance, version: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: `/assets/${version}/`,
    immutable: true,
    maxAge: '365d',
    index: false,
    list: false,
  });
  // Browsers ask for /favicon.ico on their own.
  app.get('/favicon.ico', (_request, reply) => reply.redirect(`/assets/${version}/favicon.svg`, 301));
}
