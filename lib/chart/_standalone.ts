/**
 * Private helper: turns what `Plot.plot` returns into one standalone SVG string.
 *
 * Plot returns a bare `<svg>` or, when the chart has a title, subtitle, caption
 * or legend, an HTML `<figure>` around it. HTML is not an image, so figures are
 * re-laid out as SVG: titles become `<text>`, swatch legends become rects and
 * labels, and the plot's own `<svg>` is nested below them.
 *
 * @module
 */
import { theme } from "./theme.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** A rough text width: good enough to lay out legend swatches without a font engine. */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

function numberAttr(el: Element, name: string, fallback: number): number {
  const value = Number(el.getAttribute(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function isSvg(el: Element): boolean {
  return el.tagName.toLowerCase() === "svg";
}

/** One horizontal band of the output, stacked top to bottom. */
interface Band {
  height: number;
  width: number;
  /** Markup for the band, drawn with its top at `y`. */
  draw(y: number): string;
}

/** Left inset of text and legends inside a figure, so they line up with the frame. */
const INSET = 8;

function textBand(text: string, size: number, color: string, weight = "normal"): Band {
  const height = Math.round(size * 1.6);
  return {
    height,
    width: INSET + textWidth(text, size),
    draw: (y) =>
      `<text x="${INSET}" y="${
        y + size
      }" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(text)}</text>`,
  };
}

function svgBand(el: Element): Band {
  const width = numberAttr(el, "width", theme.width);
  const height = numberAttr(el, "height", 0);
  return {
    height,
    width,
    draw: (y) => {
      el.setAttribute("x", "0");
      el.setAttribute("y", String(y));
      return el.outerHTML;
    },
  };
}

/** Lays out a swatches legend (`<div>` of `<span>`s, each a small svg and a label). */
function swatchBand(div: Element, maxWidth: number): Band {
  const items = [...div.querySelectorAll("span")].map((span) => {
    const swatch = span.querySelector("svg");
    return { swatch, label: (span.textContent ?? "").trim() };
  });
  const size = theme.fontSize;
  const line = 22;
  let x = INSET, row = 0;
  const placed = items.map((item) => {
    const w = 15 + 6 + textWidth(item.label, size) + 16;
    if (x > INSET && x + w > maxWidth) (x = INSET, row++);
    const at = { ...item, x, row };
    x += w;
    return at;
  });
  return {
    height: (row + 1) * line,
    width: maxWidth,
    draw: (y) =>
      placed.map(({ swatch, label, x, row }) => {
        const top = y + row * line;
        let mark = "";
        if (swatch) {
          swatch.setAttribute("x", String(x));
          swatch.setAttribute("y", String(top));
          swatch.setAttribute("width", "15");
          swatch.setAttribute("height", "15");
          mark = swatch.outerHTML;
        }
        return `${mark}<text x="${x + 21}" y="${
          top + 12
        }" font-size="${size}" fill="${theme.ink}">${escapeXml(label)}</text>`;
      }).join(""),
  };
}

/**
 * Serializes Plot's output (a bare `<svg>` or a `<figure>`) as one standalone
 * SVG document string, with the SVG namespace and a painted background.
 *
 * @param root The element `Plot.plot` returned.
 * @returns SVG markup that any SVG viewer or rasterizer accepts.
 */
export function standaloneSvg(root: Element): string {
  const children = isSvg(root) ? [root] : [...root.children];
  const plotWidth = Math.max(
    theme.width,
    ...children.filter(isSvg).map((el) => numberAttr(el, "width", 0)),
  );
  const bands: Band[] = [];
  for (const el of children) {
    const tag = el.tagName.toLowerCase();
    const text = (el.textContent ?? "").trim();
    if (tag === "h2") bands.push(textBand(text, theme.titleSize, theme.ink, "600"));
    else if (tag === "h3") bands.push(textBand(text, theme.subtitleSize, theme.muted));
    else if (tag === "figcaption") bands.push(textBand(text, theme.subtitleSize, theme.muted));
    else if (tag === "svg") bands.push(svgBand(el));
    else if (tag === "div" && el.querySelector("span > svg")) {
      bands.push(swatchBand(el, plotWidth));
    } else if (text) bands.push(textBand(text, theme.fontSize, theme.ink));
  }
  const pad = isSvg(root) ? 0 : 8;
  const width = Math.ceil(Math.max(plotWidth, ...bands.map((b) => b.width)));
  let y = pad;
  const body: string[] = [];
  for (const band of bands) {
    body.push(band.draw(y));
    y += band.height;
  }
  const height = Math.ceil(y + pad);
  return `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" style="max-width:100%;height:auto" ` +
    `font-family="${escapeXml(theme.fontFamily)}" ` +
    `fill="${theme.ink}" color="${theme.ink}">` +
    `<rect width="100%" height="100%" fill="${theme.background}"/>${body.join("")}</svg>`;
}
