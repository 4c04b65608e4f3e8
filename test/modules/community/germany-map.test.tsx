import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'preact-render-to-string';
import { LAENDER, LAND_CODES, type LandCode } from '../../../src/platform/germany.js';
import {
  germanyPaths,
  landCentres,
  parseGermanySvg,
  parsePathPolygons,
  pathBounds,
  type Point,
} from '../../../src/modules/community/map/germany-map.js';
import { GermanyMap, mapScale } from '../../../src/modules/community/views/GermanyMap.js';

const unit = (n: number) => `${n} ${n === 1 ? 'Lab' : 'Labs'}`;
const counts: Partial<Record<LandCode, number>> = { BE: 12, BY: 9, NW: 10, HB: 2, HH: 4, BB: 3, TH: 1 };

function renderMap(overrides: Partial<Parameters<typeof GermanyMap>[0]> = {}): string {
  return render(
    <GermanyMap
      counts={counts}
      locale="de"
      href={(land) => `/labs?land=${land}`}
      selected="BE"
      title="Labs nach Land"
      caption="Labs je Bundesland"
      unit={unit}
      {...overrides}
    />,
  );
}

interface LandLink {
  code: LandCode;
  attrs: string;
  body: string;
}

/** The `<a class="map-land">…</a>` elements of the map (SVG links do not nest). */
function landLinks(html: string): LandLink[] {
  return [...html.matchAll(/<a ([^>]*class="map-land"[^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({
    code: /data-land="([A-Z]{2})"/.exec(m[1]!)![1] as LandCode,
    attrs: ` ${m[1]!}`,
    body: m[2]!,
  }));
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function textContent(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

// WCAG 2.1 relative luminance and contrast ratio, implemented independently of the view.
function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Even-odd point-in-polygon test over all subpaths of a Land (holes count as outside). */
function insidePath(d: string, p: Point): boolean {
  let inside = false;
  for (const polygon of parsePathPolygons(d)) {
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i]!;
      const b = polygon[j]!;
      if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
  }
  return inside;
}

describe('Germany map geometry (@svg-maps/germany)', () => {
  test('loads the viewBox and one path per Land, cached', () => {
    const map = germanyPaths();
    assert.equal(map.viewBox, '0 0 586 793');
    assert.deepEqual(Object.keys(map.paths).sort(), [...LAND_CODES].sort());
    for (const code of LAND_CODES) assert.match(map.paths[code], /^m [-\d.]/, code);
    assert.equal(germanyPaths(), map);
  });

  test('a missing Land is reported clearly', () => {
    const svg = `<svg viewBox="0 0 10 10">${LAND_CODES.filter((c) => c !== 'SL')
      .map((c) => `<path id="${c.toLowerCase()}" d="m 0,0 1,0 0,1 z"/>`)
      .join('')}</svg>`;
    assert.throws(() => parseGermanySvg(svg), /no <path> for Land SL/);
    assert.throws(() => parseGermanySvg('<svg><path id="bw" d="m 0,0 z"/></svg>'), /no viewBox/);
  });

  test('the path parser handles m/M/l/L/h/H/v/V/z/Z and rejects curves', () => {
    assert.deepEqual(parsePathPolygons('m 10,10 5,0 0,5 z m 10,0 2,0 0,2 z'), [
      [{ x: 10, y: 10 }, { x: 15, y: 10 }, { x: 15, y: 15 }],
      [{ x: 20, y: 10 }, { x: 22, y: 10 }, { x: 22, y: 12 }],
    ]);
    assert.deepEqual(parsePathPolygons('M 1 1 L 4 1 V 4 H 1 Z'), [[{ x: 1, y: 1 }, { x: 4, y: 1 }, { x: 4, y: 4 }, { x: 1, y: 4 }]]);
    assert.deepEqual(parsePathPolygons('M1,1 l3,0 v3 h-3 z'), [[{ x: 1, y: 1 }, { x: 4, y: 1 }, { x: 4, y: 4 }, { x: 1, y: 4 }]]);
    assert.throws(() => parsePathPolygons('M 0 0 c 1 1 2 2 3 3 z'), /unsupported command "c"/);
    // Every Land parses into closed polygons inside the viewBox.
    for (const code of LAND_CODES) {
      const b = pathBounds(germanyPaths().paths[code]);
      assert.ok(b.minX >= -1 && b.minY >= -1 && b.maxX <= 587 && b.maxY <= 794, `${code} ${JSON.stringify(b)}`);
    }
  });

  test('label positions lie inside the viewBox and inside their Land; Berlin and Brandenburg do not collide', () => {
    const centres = landCentres();
    const { paths } = germanyPaths();
    for (const code of LAND_CODES) {
      const { x, y } = centres[code];
      assert.ok(x > 0 && x < 586 && y > 0 && y < 793, `${code} at ${x},${y}`);
      assert.ok(insidePath(paths[code], centres[code]), `${code} label ${x},${y} is outside the Land`);
    }
    const bb = pathBounds(paths.BB);
    const be = centres.BE;
    assert.ok(be.x > bb.minX && be.x < bb.maxX && be.y > bb.minY && be.y < bb.maxY, 'Berlin lies within Brandenburg');
    assert.ok(Math.hypot(be.x - centres.BB.x, be.y - centres.BB.y) >= 15, 'Berlin and Brandenburg labels are apart');
    // No two labels on top of each other.
    for (const [i, a] of LAND_CODES.entries()) {
      for (const b of LAND_CODES.slice(i + 1)) {
        assert.ok(Math.hypot(centres[a].x - centres[b].x, centres[a].y - centres[b].y) >= 15, `${a} and ${b} labels overlap`);
      }
    }
  });
});

describe('mapScale', () => {
  test('no labs at all: a single step', () => {
    assert.equal(mapScale({}).steps.length, 1);
    assert.deepEqual(mapScale({ BE: 0 }).steps.map((s) => [s.from, s.to]), [[0, 0]]);
  });

  test('steps cover 0…max without gaps, at most five colour steps, light to dark', () => {
    for (const max of [1, 2, 3, 5, 7, 12, 100]) {
      const { steps } = mapScale({ BY: max, BE: 1 });
      assert.ok(steps.length >= 2 && steps.length <= 6, `max ${max}: ${steps.length} steps`);
      assert.deepEqual([steps[0]!.from, steps[0]!.to], [0, 0]);
      for (let i = 1; i < steps.length; i++) {
        assert.equal(steps[i]!.from, steps[i - 1]!.to + 1, `max ${max}: gap before step ${i}`);
        assert.ok(steps[i]!.to >= steps[i]!.from);
        if (i > 1) assert.ok(relativeLuminance(steps[i]!.fill) < relativeLuminance(steps[i - 1]!.fill), `max ${max}: step ${i} is darker`);
      }
      assert.equal(steps[steps.length - 1]!.to, max);
    }
    assert.equal(mapScale({ BY: 100 }).steps.length, 6);
  });

  test('label text has at least 4.5:1 contrast against its fill in every step', () => {
    const { steps } = mapScale({ BY: 100 });
    for (const step of steps) {
      assert.ok(contrastRatio(step.text, step.fill) >= 4.5, `${step.text} on ${step.fill}: ${contrastRatio(step.text, step.fill).toFixed(2)}`);
    }
    // White text on the two darkest steps, near-black on the lighter ones.
    assert.deepEqual(
      steps.map((s) => relativeLuminance(s.text) > 0.5),
      [false, false, false, false, true, true],
    );
  });
});

describe('GermanyMap', () => {
  const html = renderMap();
  const links = landLinks(html);

  test('16 links, each wrapping one path, with href and German accessible name including the count', () => {
    assert.equal(links.length, 16);
    assert.deepEqual(links.map((l) => l.code).sort(), [...LAND_CODES].sort());
    assert.equal((html.match(/<path class="map-land-shape"/g) ?? []).length, 16);
    for (const link of links) {
      assert.equal((link.body.match(/<path class="map-land-shape"/g) ?? []).length, 1, link.code);
      assert.equal(attr(link.attrs, 'href'), `/labs?land=${link.code}`);
      assert.equal(attr(link.attrs, 'aria-label'), `${LAENDER[link.code].de}: ${unit(counts[link.code] ?? 0)}`);
    }
    assert.match(html, /aria-label="Berlin: 12 Labs"/);
    assert.match(html, /aria-label="Thüringen: 1 Lab"/);
    assert.match(html, /aria-label="Saarland: 0 Labs"/);
  });

  test('the SVG is a named group inside a figure with a caption', () => {
    assert.match(html, /^<figure[^>]*>/);
    const svg = /<svg [^>]*role="group"[^>]*>/.exec(html)?.[0];
    assert.ok(svg, 'svg with role="group"');
    const labelledBy = attr(svg, 'aria-labelledby');
    assert.ok(labelledBy);
    assert.match(html, new RegExp(`<title id="${labelledBy}">Labs nach Land</title>`));
    assert.match(html, /<figcaption>Labs je Bundesland/);
    assert.doesNotMatch(html, /role="img"/);
  });

  test('only the selected Land has aria-current and a thick dark outline', () => {
    const current = links.filter((l) => attr(l.attrs, 'aria-current') === 'true');
    assert.deepEqual(current.map((l) => l.code), ['BE']);
    const path = /<path [^>]*>/.exec(current[0]!.body)![0];
    assert.equal(attr(path, 'stroke'), '#000000');
    assert.equal(attr(path, 'stroke-width'), '3');
    for (const link of links.filter((l) => l.code !== 'BE')) {
      const other = /<path [^>]*>/.exec(link.body)![0];
      assert.equal(attr(other, 'stroke'), '#ffffff', link.code);
      assert.equal(attr(other, 'stroke-width'), '1', link.code);
    }
    assert.equal(landLinks(renderMap({ selected: undefined })).filter((l) => /aria-current/.test(l.attrs)).length, 0);
    assert.doesNotMatch(renderMap({ selected: undefined }), /map-selected-outline/);
  });

  test('paint order: the selected outline lies above the large Länder but below the city-states', () => {
    // Berlin is selected and drawn after all its neighbours: no extra outline needed.
    assert.doesNotMatch(html, /map-selected-outline/);
    assert.deepEqual(links.slice(-3).map((l) => l.code), ['BE', 'HB', 'HH']);
    const bb = renderMap({ selected: 'BB' });
    const outline = bb.indexOf('class="map-selected-outline"');
    assert.ok(outline > bb.indexOf('data-land="TH"'), 'outline after the last large Land');
    assert.ok(outline < bb.indexOf('data-land="BE"'), 'outline before Berlin');
    assert.match(bb.slice(outline - 200, outline + 200), new RegExp(`d="${germanyPaths().paths.BB.slice(0, 20)}`));
  });

  test('no inline style attribute and no third-party resource', () => {
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.doesNotMatch(html, /<(image|img|script|link|use|foreignObject)\b/i);
    // Only the credit line links out; nothing is loaded from elsewhere.
    const external = [...html.matchAll(/(?:href|src)="(https?:[^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(external, [
      'https://github.com/VictorCazanave/svg-maps/tree/master/packages/germany',
      'https://creativecommons.org/licenses/by/4.0/deed.de',
    ]);
  });

  test('a count label only for Länder with labs, readable on its fill', () => {
    for (const link of links) {
      const count = counts[link.code] ?? 0;
      const label = /<text ([^>]*)>([^<]*)<\/text>/.exec(link.body);
      if (count === 0) {
        assert.equal(label, null, `${link.code} has no label`);
        continue;
      }
      assert.ok(label, `${link.code} has a label`);
      assert.equal(label[2], String(count));
      assert.equal(attr(label[1]!, 'aria-hidden'), 'true');
      const fill = attr(/<path [^>]*>/.exec(link.body)![0], 'fill')!;
      const text = attr(label[1]!, 'fill')!;
      assert.ok(contrastRatio(text, fill) >= 4.5, `${link.code}: ${text} on ${fill}`);
      // The halo around the glyphs is the Land's own fill, so the contrast holds across borders.
      assert.equal(attr(label[1]!, 'stroke'), fill);
    }
  });

  test('legend lists every step with its range, swatches as hidden SVG', () => {
    const legend = /<ul class="map-legend">([\s\S]*?)<\/ul>/.exec(html)?.[1];
    assert.ok(legend);
    const items = [...legend.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
    assert.equal(items.length, mapScale(counts).steps.length);
    assert.deepEqual(items.map((i) => textContent(i).trim()), ['0 Labs', '1–2 Labs', '3–4 Labs', '5–7 Labs', '8–9 Labs', '10–12 Labs']);
    for (const item of items) assert.match(item, /^<svg [^>]*aria-hidden="true"/);
  });

  test('credit line in German and English', () => {
    assert.match(textContent(html), /Karte: Victor Cazanave, @svg-maps\/germany, CC BY 4\.0/);
    const en = renderMap({ locale: 'en' });
    assert.match(textContent(en), /Map: Victor Cazanave, @svg-maps\/germany, CC BY 4\.0/);
  });

  test('English Land names with locale en', () => {
    const en = landLinks(renderMap({ locale: 'en' }));
    const byCode = new Map(en.map((l) => [l.code, attr(l.attrs, 'aria-label')]));
    assert.equal(byCode.get('BY'), 'Bavaria: 9 Labs');
    assert.equal(byCode.get('NI'), 'Lower Saxony: 0 Labs');
    for (const link of en) assert.equal(attr(link.attrs, 'aria-label'), `${LAENDER[link.code].en}: ${unit(counts[link.code] ?? 0)}`);
  });

  test('ids are unique per rendered map', () => {
    const twice = render(
      <div>
        <GermanyMap counts={{}} locale="de" href={() => '#'} title="A" caption="a" unit={unit} />
        <GermanyMap counts={{}} locale="de" href={() => '#'} title="B" caption="b" unit={unit} />
      </div>,
    );
    const ids = [...twice.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
  });
});
