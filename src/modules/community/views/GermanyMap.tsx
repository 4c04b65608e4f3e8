// Choropleth map of Germany by Land, drawn on the server as inline SVG: no script, no
// third-party request, no inline `style` (our CSP is `style-src 'self'`), so all colours
// are SVG presentation attributes, which a stylesheet can still override (e.g. for focus).
//
// Accessibility pattern (WCAG 2.1 AA):
// - A `<figure>` holds the map, its legend and a `<figcaption>` (caption + credit line), so
//   the caption is programmatically tied to the whole figure.
// - The `<svg>` is NOT `role="img"`: that would make its content presentational and hide the
//   16 links from assistive technology. It gets `role="group"` (browsers disagree on the
//   implicit role of an inline `<svg>`; "group" is exposed consistently and keeps the
//   children) and is named by its `<title>` through `aria-labelledby`.
// - Each Land is a real link (`<a href>`, keyboard-focusable, Enter activates) named
//   "Berlin: 3 Labs" by `aria-label`, so the data is not conveyed by colour alone (1.4.1):
//   the name carries the number, and the visible count label repeats it. The same text is
//   the link's `<title>` as a tooltip for pointer users (equal to the name, so it is not
//   announced twice). The selected Land has `aria-current="true"`.
// - The count labels are `aria-hidden` (the link name already contains the count) and meet
//   4.5:1 against their Land's fill: the text colour per step is computed, not guessed, and
//   a halo in the fill colour keeps that contrast where a label crosses a border line.
// - Visible focus (2.4.7): links carry class `map-land`, shapes `map-land-shape`, so the
//   stylesheet can draw e.g. `.map-land:focus-visible .map-land-shape { stroke:#000; stroke-width:4 }`.
// - The legend is HTML text below the SVG; its swatches are small `aria-hidden` SVGs
//   (no inline style) with a 4.5:1 grey border so even the lightest step is visible.
import { useId } from 'preact/hooks';
import { LAENDER, LAND_CODES, type LandCode } from '../../../platform/germany.js';
import { germanyPaths, landCentres } from '../map/germany-map.js';

export interface MapStep {
  /** Smallest count in this step (inclusive). */
  from: number;
  /** Largest count in this step (inclusive). */
  to: number;
  /** Fill colour of Länder in this step. */
  fill: string;
  /** Colour of count labels on that fill (≥ 4.5:1 against `fill`). */
  text: string;
}

/** Fill for Länder without labs. */
export const ZERO_FILL = '#eeeeee';
/** Five sequential steps, light to dark (sRGB interpolation from #e8f0f8 to #0b3d6e). */
export const SCALE_FILLS = ['#e8f0f8', '#b1c3d6', '#7a97b3', '#426a91', '#0b3d6e'] as const;
const LIGHT_TEXT = '#ffffff';
const DARK_TEXT = '#1a1a1a';
const SELECTED_STROKE = '#000000';
const BORDER_STROKE = '#ffffff';
/** Border of the legend swatches: 4.5:1 against a white page. */
const SWATCH_STROKE = '#767676';
/** Outline around the country: 3:1 or more against a white page (1.4.11). */
const OUTLINE = '#8a8a8a';

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The label colour (white or near-black) with the higher contrast against `fill`. */
function textOn(fill: string): string {
  return contrast(LIGHT_TEXT, fill) >= contrast(DARK_TEXT, fill) ? LIGHT_TEXT : DARK_TEXT;
}

/**
 * The colour steps for the given counts: first a grey step for 0, then up to five steps that
 * split 1…max into equal fifths (empty fifths are dropped, so with max 3 the steps are 1, 2, 3
 * in the 2nd, 4th and 5th colour — the colour always reflects the share of the maximum).
 * With no labs at all (max 0) there is a single step.
 */
export function mapScale(counts: Partial<Record<LandCode, number>>): { steps: MapStep[] } {
  const max = Math.max(0, ...Object.values(counts).map(clean));
  const steps: MapStep[] = [{ from: 0, to: 0, fill: ZERO_FILL, text: textOn(ZERO_FILL) }];
  for (let i = 0; i < SCALE_FILLS.length; i++) {
    const from = Math.floor((i * max) / SCALE_FILLS.length) + 1;
    const to = Math.floor(((i + 1) * max) / SCALE_FILLS.length);
    if (from > to) continue;
    const fill = SCALE_FILLS[i]!;
    steps.push({ from, to, fill, text: textOn(fill) });
  }
  return { steps };
}

function clean(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function stepFor(steps: MapStep[], count: number): MapStep {
  return steps.find((s) => count >= s.from && count <= s.to) ?? steps[steps.length - 1]!;
}

const CITY_STATES: readonly LandCode[] = ['BE', 'HB', 'HH'];
/**
 * Paint order is document order in SVG (and so is the tab order). The city-states lie inside
 * or against larger Länder (Berlin is a hole in Brandenburg, Bremen in Niedersachsen), so they
 * come last: their outlines and count labels are never painted over by a neighbour, nor by
 * the selected Land's outline (drawn between the two groups). City-states border no other
 * city-state, so a selected one needs no extra outline on top.
 */
const LARGE_LAENDER: readonly LandCode[] = LAND_CODES.filter((c) => !CITY_STATES.includes(c));

const CREDIT = {
  de: { prefix: 'Karte: Victor Cazanave, ', licence: 'https://creativecommons.org/licenses/by/4.0/deed.de' },
  en: { prefix: 'Map: Victor Cazanave, ', licence: 'https://creativecommons.org/licenses/by/4.0/deed.en' },
} as const;
const SOURCE_URL = 'https://github.com/VictorCazanave/svg-maps/tree/master/packages/germany';

export interface GermanyMapProps {
  counts: Partial<Record<LandCode, number>>;
  locale: 'de' | 'en';
  href: (land: LandCode) => string;
  selected?: LandCode | undefined;
  /** Accessible name of the map graphic (the SVG's `<title>`). */
  title: string;
  /** Visible caption below the map. */
  caption: string;
  /** Count with its unit, e.g. `3 Labs`, `1 Lab`. */
  unit: (n: number) => string;
}

export function GermanyMap({ counts, locale, href, selected, title, caption, unit }: GermanyMapProps) {
  const id = `germany-map-${useId()}`;
  const titleId = `${id}-title`;
  const outlineId = `${id}-outline`;
  const { viewBox, paths } = germanyPaths();
  const centres = landCentres();
  const { steps } = mapScale(counts);
  const credit = CREDIT[locale];
  const land = (code: LandCode) => {
    const count = clean(counts[code]);
    const step = stepFor(steps, count);
    const name = `${LAENDER[code][locale]}: ${unit(count)}`;
    const isSelected = code === selected;
    const centre = centres[code];
    return (
      <a href={href(code)} class="map-land" aria-label={name} aria-current={isSelected ? 'true' : undefined} data-land={code}>
        <title>{name}</title>
        <path
          class="map-land-shape"
          d={paths[code]}
          fill={step.fill}
          stroke={isSelected ? SELECTED_STROKE : BORDER_STROKE}
          stroke-width={isSelected ? 3 : 1}
          stroke-linejoin="round"
          vector-effect="non-scaling-stroke"
        />
        {count > 0 ? (
          <text
            class="map-land-count"
            x={centre.x}
            y={centre.y}
            text-anchor="middle"
            dominant-baseline="central"
            font-size="18"
            font-weight="700"
            fill={step.text}
            stroke={step.fill}
            stroke-width="4"
            stroke-linejoin="round"
            paint-order="stroke"
            aria-hidden="true"
          >
            {count}
          </text>
        ) : null}
      </a>
    );
  };
  return (
    <figure class="germany-map">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={viewBox} role="group" aria-labelledby={titleId} class="germany-map-svg">
        <title id={titleId}>{title}</title>
        <defs>
          {/* A grey outline around the whole country: the light fills are barely distinguishable
              from a white page, so without it the coast and the borders would vanish. */}
          <filter id={outlineId} x="-2%" y="-2%" width="104%" height="104%" color-interpolation-filters="sRGB">
            <feMorphology in="SourceAlpha" operator="dilate" radius="1.5" result="grown" />
            <feFlood flood-color={OUTLINE} />
            <feComposite in2="grown" operator="in" result="outline" />
            <feMerge>
              <feMergeNode in="outline" />
              <feMergeNode in="SourceGraphic" />
            </feMerge>
          </filter>
        </defs>
        <g filter={`url(#${outlineId})`}>
          {LARGE_LAENDER.map(land)}
          {selected && LARGE_LAENDER.includes(selected) ? (
            // The selected Land's outline again, on top of its neighbours (painted later, they
            // would cover the outer half of it) but below the city-states and their labels.
            <path
              class="map-selected-outline"
              d={paths[selected]}
              fill="none"
              stroke={SELECTED_STROKE}
              stroke-width="3"
              stroke-linejoin="round"
              vector-effect="non-scaling-stroke"
              pointer-events="none"
              aria-hidden="true"
            />
          ) : null}
          {CITY_STATES.map(land)}
        </g>
      </svg>
      <ul class="map-legend">
        {steps.map((step) => (
          <li>
            <svg xmlns="http://www.w3.org/2000/svg" class="map-legend-swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <rect x="0.5" y="0.5" width="15" height="15" fill={step.fill} stroke={SWATCH_STROKE} />
            </svg>{' '}
            {step.from === step.to ? unit(step.from) : `${step.from}–${unit(step.to)}`}
          </li>
        ))}
      </ul>
      <figcaption>
        {caption}{' '}
        <small class="map-credit">
          {credit.prefix}
          <a href={SOURCE_URL}>@svg-maps/germany</a>, <a href={credit.licence} rel="license">CC BY 4.0</a>
        </small>
      </figcaption>
    </figure>
  );
}
