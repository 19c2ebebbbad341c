/**
 * Documents for people outside the service (issue 17): the household's
 * letters and a member's inzage export, as PDF. One small layout language
 * (headings, paragraphs, lists, tables, an address block, a framed note)
 * rendered with pdfkit, so a letter and an export look alike and neither
 * draws a page by hand.
 *
 * Fonts: the PDF standard Helvetica, which every reader has and which needs
 * no font file at run time. It covers the Western European letters (ë, é,
 * ü, ĳ as i+j); a letter outside that set is written without its accent
 * (ş as s), or as "?" when it has no plain form, rather than as a broken glyph.
 */
import PDFDocument from 'pdfkit';

export type Block =
  | { readonly soort: 'kop'; readonly tekst: string }
  | { readonly soort: 'alinea'; readonly tekst: string }
  | { readonly soort: 'lijst'; readonly punten: readonly string[] }
  | { readonly soort: 'tabel'; readonly kolommen: readonly string[]; readonly rijen: readonly (readonly string[])[]; readonly breedtes?: readonly number[] }
  /** The recipient's name and address, where a window envelope shows it. */
  | { readonly soort: 'adres'; readonly regels: readonly string[] }
  /** Something the reader must not miss (help in danger, how the letter reaches them). */
  | { readonly soort: 'kader'; readonly tekst: string };

export interface DocumentSpec {
  readonly titel: string;
  /** Who sends it: top right (organisation, the regisseur). */
  readonly afzender: readonly string[];
  /** The date line ("Nijmegen, 3 februari 2026"). */
  readonly datumregel: string;
  readonly blokken: readonly Block[];
  /** A line at the foot of every page. */
  readonly voet: string;
}

const MARGIN = 56;
/** The body text's size: 10.5 pt reads easily and keeps a letter on one page. */
const BODY = 10.5;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** Characters the standard fonts' encoding (WinAnsi) has besides Latin-1. */
const WIN_ANSI_EXTRA = new Set([402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382]);
const encodable = (code: number) => (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(code) || code === 0x0a;

/** The text as the standard fonts can show it (see the file comment). */
export function printable(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (encodable(code)) {
      out += char;
      continue;
    }
    const plain = [...char.normalize('NFKD')].filter((c) => encodable(c.codePointAt(0) ?? 0)).join('');
    out += plain === '' ? '?' : plain;
  }
  return out;
}

/** Renders the document to a PDF (A4). `at` is the document's creation time (its metadata), from the service clock. */
export function renderPdf(spec: DocumentSpec, at: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    info: { Title: printable(spec.titel), Author: printable(spec.afzender[0] ?? ''), Creator: 'Veilig Samen', Producer: 'Veilig Samen', CreationDate: at, ModDate: at },
    lang: 'nl-NL',
    displayTitle: true,
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  // Sender and date, top right.
  doc.font(FONT).fontSize(9).fillColor('#333333');
  doc.text(spec.afzender.map(printable).join('\n'), MARGIN, MARGIN, { width, align: 'right' });
  doc.moveDown(0.5).text(printable(spec.datumregel), { width, align: 'right' });
  doc.fillColor('#000000').moveDown(1.5);

  for (const block of spec.blokken) renderBlock(doc, block, width);

  // The foot line and page numbers, on every page once the text is laid out.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - MARGIN;
    doc.page.margins.bottom = 0;
    doc.font(FONT).fontSize(8).fillColor('#555555');
    doc.text(`${printable(spec.voet)}  -  pagina ${i - range.start + 1} van ${range.count}`, MARGIN, bottom, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

function renderBlock(doc: PDFKit.PDFDocument, block: Block, width: number): void {
  switch (block.soort) {
    case 'adres':
      doc.font(FONT).fontSize(BODY).text(block.regels.map(printable).join('\n'), MARGIN, doc.y, { width: width / 2 });
      doc.moveDown(1.2);
      return;
    case 'kop':
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.moveDown(0.4).font(BOLD).fontSize(12.5).text(printable(block.tekst), MARGIN, doc.y, { width });
      doc.moveDown(0.2);
      return;
    case 'alinea':
      doc.font(FONT).fontSize(BODY).text(printable(block.tekst), MARGIN, doc.y, { width, lineGap: 1.5 });
      doc.moveDown(0.5);
      return;
    case 'lijst':
      doc.font(FONT).fontSize(BODY);
      // The bullet hangs in the margin of its text, so a wrapped line starts under the text, not under the bullet.
      for (const point of block.punten) {
        const top = doc.y;
        doc.text('•', MARGIN + 6, top, { width: 10, lineBreak: false });
        doc.text(printable(point), MARGIN + 20, top, { width: width - 20, lineGap: 1.5 });
        doc.moveDown(0.15);
      }
      doc.moveDown(0.35);
      return;
    case 'kader': {
      doc.font(BOLD).fontSize(BODY);
      const text = printable(block.tekst);
      const height = doc.heightOfString(text, { width: width - 20 }) + 16;
      if (doc.y + height > doc.page.height - 100) doc.addPage();
      const top = doc.y;
      doc.save().lineWidth(1.2).strokeColor('#1f4e79').rect(MARGIN, top, width, height).stroke().restore();
      doc.text(text, MARGIN + 10, top + 8, { width: width - 20 });
      doc.y = top + height;
      doc.moveDown(0.8);
      return;
    }
    case 'tabel':
      renderTable(doc, block, width);
  }
}

function renderTable(doc: PDFKit.PDFDocument, table: Extract<Block, { soort: 'tabel' }>, width: number): void {
  const shares = table.breedtes ?? table.kolommen.map(() => 1);
  const total = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((share) => (share / total) * width);
  const row = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? BOLD : FONT).fontSize(10);
    const texts = cells.map(printable);
    const height = Math.max(...texts.map((text, i) => doc.heightOfString(text, { width: (widths[i] ?? 0) - 8 }))) + 8;
    if (doc.y + height > doc.page.height - 100) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    texts.forEach((text, i) => {
      const cellWidth = widths[i] ?? 0;
      doc.save().lineWidth(0.5).strokeColor('#999999').rect(x, top, cellWidth, height).stroke().restore();
      doc.text(text, x + 4, top + 4, { width: cellWidth - 8 });
      x += cellWidth;
    });
    doc.y = top + height;
  };
  row(table.kolommen, true);
  if (table.rijen.length === 0) row([`(geen)`, ...table.kolommen.slice(1).map(() => '')], false);
  for (const cells of table.rijen) row(cells, false);
  doc.x = MARGIN;
  doc.moveDown(0.8);
}
