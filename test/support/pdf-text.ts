import { spawn } from 'node:child_process';

export interface PdfText {
  /** The text of every page, whitespace collapsed to single spaces. */
  text: string;
  pages: number;
  title?: string;
}

// Runs in a plain Node process: pdf.js inside pdf-parse loads its worker with a dynamic
// import(), which jest's module sandbox refuses.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: Buffer.concat(chunks) });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, title: info.info && info.info.Title }));
  } finally {
    await parser.destroy();
  }
});`;

/** The PDF's text, page count and title, read back with pdf-parse. */
export function pdfText(pdf: Buffer): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { cwd: __dirname, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`pdf-parse failed (${code}): ${err}`));
      const r = JSON.parse(out) as PdfText;
      resolve({ ...r, text: r.text.replace(/\s+/g, ' ') });
    });
    child.stdin.end(pdf);
  });
}
