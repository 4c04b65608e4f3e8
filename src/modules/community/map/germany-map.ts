// Outline geometry of the 16 Länder for the server-drawn choropleth map.
//
// Source: the npm package @svg-maps/germany (by Victor Cazanave, licence CC BY 4.0 —
// the map must carry the credit line "@svg-maps/germany, CC BY 4.0"). We read its
// `germany.svg` file from disk once; the package's index.js is CommonJS that is not a
// valid ES module, so it is deliberately not imported.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LAND_CODES, type LandCode } from '../../../platform/germany.js';

export interface Point {
  x: number;
  y: number;
}

export interface GermanyPaths {
  viewBox: string;
  paths: Record<LandCode, string>;
}

let cached: GermanyPaths | undefined;

/** The viewBox and one SVG path (`d`) per Land, read from @svg-maps/germany once and cached. */
export function germanyPaths(): GermanyPaths {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve('@svg-maps/germany/germany.svg');
    cached = parseGermanySvg(readFileSync(file, 'utf8'), file);
  }
  return cached;
}

/** Parses the package's SVG text. Exported for tests; throws if the viewBox or a Land is missing. */
export function parseGermanySvg(svg: string, source = 'germany.svg'): GermanyPaths {
  const viewBox = /<svg\b[^>]*\bviewBox="([^"]+)"/.exec(svg)?.[1]?.trim();
  if (!viewBox || viewBox.split(/[\s,]+/).length !== 4) {
    throw new Error(`@svg-maps/germany: no viewBox found in ${source}`);
  }
  const found = new Map<string, string>();
  for (const [element] of svg.matchAll(/<path\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(element)?.[1];
    const d = /\bd="([^"]+)"/.exec(element)?.[1];
    if (id && d) found.set(id.toUpperCase(), d.replace(/\s+/g, ' ').trim());
  }
  const missing = LAND_CODES.filter((code) => !found.has(code));
  if (missing.length > 0) {
    throw new Error(`@svg-maps/germany: no <path> for Land ${missing.join(', ')} in ${source} (expected ids ${LAND_CODES.map((c) => c.toLowerCase()).join(', ')})`);
  }
  const paths = Object.fromEntries(LAND_CODES.map((code) => [code, found.get(code)!])) as Record<LandCode, string>;
  return { viewBox, paths };
}

const COMMAND_ARITY: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, z: 0 };

/**
 * Turns a path's `d` into closed polygons (absolute points). Only the commands the map file
 * uses are supported — m/M, l/L, h/H, v/V, z/Z, including implicit lineto pairs after a moveto —
 * anything else (curves, arcs) throws, so an updated map file cannot be mis-read silently.
 */
export function parsePathPolygons(d: string): Point[][] {
  const tokens = d.match(/[a-zA-Z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let command = '';
  let i = 0;
  const number = (): number => {
    const token = tokens[i++];
    const value = token === undefined ? NaN : Number(token);
    if (!Number.isFinite(value)) throw new Error(`path data: expected a number at token ${i - 1}`);
    return value;
  };
  const close = () => {
    if (current.length >= 3) polygons.push(current);
    current = [];
  };
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (/^[a-zA-Z]$/.test(token)) {
      if (!(token.toLowerCase() in COMMAND_ARITY)) throw new Error(`path data: unsupported command "${token}"`);
      command = token;
      i++;
      if (command === 'z' || command === 'Z') {
        close();
        x = startX;
        y = startY;
        continue;
      }
    } else if (!command || command === 'z' || command === 'Z') {
      throw new Error(`path data: number without command at token ${i}`);
    }
    const relative = command === command.toLowerCase();
    switch (command.toLowerCase()) {
      case 'm': {
        const dx = number();
        const dy = number();
        close();
        x = relative ? x + dx : dx;
        y = relative ? y + dy : dy;
        startX = x;
        startY = y;
        current.push({ x, y });
        // Further coordinate pairs after a moveto are implicit linetos of the same relativity.
        command = relative ? 'l' : 'L';
        break;
      }
      case 'l': {
        const dx = number();
        const dy = number();
        x = relative ? x + dx : dx;
        y = relative ? y + dy : dy;
        current.push({ x, y });
        break;
      }
      case 'h': {
        const dx = number();
        x = relative ? x + dx : dx;
        current.push({ x, y });
        break;
      }
      case 'v': {
        const dy = number();
        y = relative ? y + dy : dy;
        current.push({ x, y });
        break;
      }
    }
  }
  close();
  return polygons;
}

/** Signed area (shoelace formula) of a closed polygon. */
function signedArea(points: Point[]): number {
  let sum = 0;
  for (let k = 0; k < points.length; k++) {
    const a = points[k]!;
    const b = points[(k + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Area centroid of a closed polygon (falls back to the mean of its points if degenerate). */
export function polygonCentroid(points: Point[]): Point {
  const area = signedArea(points);
  if (Math.abs(area) < 1e-9) {
    const n = points.length || 1;
    return { x: points.reduce((s, p) => s + p.x, 0) / n, y: points.reduce((s, p) => s + p.y, 0) / n };
  }
  let cx = 0;
  let cy = 0;
  for (let k = 0; k < points.length; k++) {
    const a = points[k]!;
    const b = points[(k + 1) % points.length]!;
    const cross = a.x * b.y - b.x * a.y;
    cx += (a.x + b.x) * cross;
    cy += (a.y + b.y) * cross;
  }
  return { x: cx / (6 * area), y: cy / (6 * area) };
}

/** The polygon with the largest area (islands and exclaves are ignored for labelling). */
export function largestPolygon(polygons: Point[][]): Point[] {
  let best: Point[] = [];
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = Math.abs(signedArea(polygon));
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  return best;
}

/** Bounding box of all points of a path. */
export function pathBounds(d: string): { minX: number; minY: number; maxX: number; maxY: number } {
  const points = parsePathPolygons(d).flat();
  return {
    minX: Math.min(...points.map((p) => p.x)),
    minY: Math.min(...points.map((p) => p.y)),
    maxX: Math.max(...points.map((p) => p.x)),
    maxY: Math.max(...points.map((p) => p.y)),
  };
}

/**
 * Hand-set label positions (viewBox units) where the centroid is a poor place for a label:
 * the city-states are too small for their label to sit on the centroid without touching
 * a neighbour's label, and Brandenburg's centroid lies inside Berlin.
 */
export const LABEL_OVERRIDES: Partial<Record<LandCode, Point>> = {
  // Berlin fills the hole in Brandenburg; its centroid is a good spot, pinned here so that
  // moving Brandenburg's label can never make the two collide.
  BE: { x: 481, y: 275 },
  // Brandenburg's own centroid (≈ 480, 277) lies inside Berlin: use the open area south-east of Berlin.
  BB: { x: 505, y: 330 },
  // Hamburg and Bremen (the larger, southern part; Bremerhaven is an exclave) at their centroids.
  HH: { x: 265, y: 165 },
  HB: { x: 187, y: 212 },
};

let cachedCentres: Record<LandCode, Point> | undefined;

/**
 * A label position per Land (viewBox units): the area centroid of its largest polygon, unless
 * overridden in LABEL_OVERRIDES. Deterministic; computed once, every call returns a fresh copy.
 */
export function landCentres(): Record<LandCode, Point> {
  if (!cachedCentres) {
    const { paths } = germanyPaths();
    cachedCentres = Object.fromEntries(
      LAND_CODES.map((code) => {
        const override = LABEL_OVERRIDES[code];
        if (override) return [code, { ...override }];
        const c = polygonCentroid(largestPolygon(parsePathPolygons(paths[code])));
        return [code, { x: Math.round(c.x * 10) / 10, y: Math.round(c.y * 10) / 10 }];
      }),
    ) as Record<LandCode, Point>;
  }
  const centres = cachedCentres;
  return Object.fromEntries(LAND_CODES.map((code) => [code, { ...centres[code] }])) as Record<LandCode, Point>;
}
