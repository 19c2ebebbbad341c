/**
 * Reads a PDF's text back, page by page, with pdf.js (pdfjs-dist's legacy
 * build, which runs on Node 20 without a browser or an operating-system
 * package): the letters and inzage exports are checked on what a reader sees.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
/** pdf.js's own metrics of the 14 standard fonts (the documents use Helvetica), so it needs nothing from the system. */
export const STANDARD_FONTS = `${path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}${path.sep}`;

export interface PdfText {
  readonly pages: string[];
  /** All pages' text, lines joined with newlines. */
  readonly text: string;
  readonly info: Record<string, unknown>;
}

export async function pdfText(data: Buffer | Uint8Array): Promise<PdfText> {
  const document = await getDocument({ data: new Uint8Array(data), standardFontDataUrl: STANDARD_FONTS, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('').replace(/[ \t]+\n/g, '\n'));
    }
    const { info } = await document.getMetadata();
    return { pages, text: pages.join('\n'), info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}

/**
 * Page `number` of a PDF as a PNG, drawn by pdf.js on an npm canvas
 * (@napi-rs/canvas, prebuilt in its npm package): the pictures of the
 * letters in docs/screenshots.
 */
export async function pdfPagePng(data: Buffer | Uint8Array, number = 1, scale = 1.5): Promise<Buffer> {
  const document = await getDocument({ data: new Uint8Array(data), standardFontDataUrl: STANDARD_FONTS, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const page = await document.getPage(number);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    // A white sheet under the page (a PDF page has no background of its own).
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // The tests compile without the DOM's types: the npm canvas stands in for the DOM's, as pdf.js's Node build expects.
    const params = { canvas, canvasContext: context, viewport } as unknown as Parameters<typeof page.render>[0];
    await page.render(params).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await document.destroy();
  }
}
