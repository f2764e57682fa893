// `npm run render-check`: does the City report read as a finished document once rendered? The demo's
// report (.docx, as `hannop report --docx` writes it) is converted to PDF by LibreOffice headless,
// with Times New Roman or its metric twin Liberation Serif, and the PDF's text (pdftotext -layout)
// must show no word of a table header, no unit code and no number of a table split across lines
// ("Tr|ễ hạ|n", "THC|S045", STT "1|0"). A split shows in the layout text as the start of the word
// on one line and the rest under it, at the same column.
//
//   node scripts/render-check.mjs [--docx FILE] [--png FILE]
//
// Without --docx it makes the demo workbook, runs it to 10/05/2023 and writes the report of
// BC6T-2023. --png writes page 1 at 60 dpi (the picture in docs/huong-dan-can-bo.md). Needs
// soffice, pdftotext and pdfinfo (apt-get install libreoffice-writer-nogui poppler-utils
// fonts-liberation). Exit 0: no split; 1: splits (listed); 2: a tool is missing or failed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const JSZip = require('jszip');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'hannop.js');
/** How far (characters of the layout text) the rest of a split word may sit from its start. */
const COLUMN_SLACK = 3;

function option(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function requireTool(name) {
  try {
    run('sh', ['-c', `command -v ${name}`]);
  } catch {
    console.error(
      `render-check: «${name}» không có; cài: apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation`,
    );
    process.exit(2);
  }
}

const decode = (text) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The cells of every data table (those with a repeated header row), as [header cells, body cells]. */
async function tableCells(docxPath) {
  const zip = await JSZip.loadAsync(readFileSync(docxPath));
  const xml = await zip.file('word/document.xml').async('string');
  const tables = xml
    .split('<w:tbl>')
    .slice(1)
    .map((part) => part.split('</w:tbl>')[0]);
  const header = [];
  const body = [];
  for (const table of tables) {
    const rows = table.split('<w:tr>').slice(1).concat(table.split('<w:tr ').slice(1));
    if (!rows.some((row) => row.includes('<w:tblHeader'))) continue;
    for (const row of rows) {
      const cells = row
        .split('<w:tc>')
        .slice(1)
        .map((cell) =>
          decode([...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('')),
        );
      (row.includes('<w:tblHeader') ? header : body).push(...cells);
    }
  }
  const paragraphs = xml
    .split('</w:p>')
    .map((part) =>
      decode([...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('')),
    );
  return { header, body, documentText: paragraphs.join('\n').normalize('NFC') };
}

/** What must stay whole: every word of a header; codes and numbers of the rows. */
function tokensOf({ header, body }) {
  const words = (text) =>
    text
      .normalize('NFC')
      .split(/\s+/)
      .filter((word) => word.length >= 2);
  const headerWords = header.flatMap(words);
  const isCodeOrNumber = (word) => /\d/.test(word) || /^[\p{Lu}\d]+$/u.test(word);
  const bodyWords = body.flatMap(words).filter(isCodeOrNumber);
  return { headerWords, bodyWords, all: [...headerWords, ...bodyWords] };
}

/** Words of a layout line with the column each starts at. */
function wordsOf(line) {
  return [...line.matchAll(/\S+/g)].map((match) => ({ text: match[0], column: match.index }));
}

/** Whole-word occurrences of `token` in `text`. */
function countOf(text, token) {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'))].length;
}

/**
 * Each token that starts on one line and finishes on the lines below it, at the same column
 * (a vertically centred row may put other cells' lines in between), and that the PDF holds whole
 * fewer times than the document does: two rows `1` and `2` are not a split `12`.
 */
function splitsOf(layoutText, tokens, documentText) {
  const text = layoutText.normalize('NFC');
  const lines = text.split('\n').map(wordsOf);
  const shortBy = new Map();
  for (const token of new Set(tokens)) {
    const short = countOf(documentText, token) - countOf(text, token);
    if (short > 0) shortBy.set(token, short);
  }
  const missing = new Set(shortBy.keys());
  const found = [];
  lines.forEach((words, index) => {
    for (const word of words) {
      for (const token of missing) {
        if (token.length <= word.text.length || !token.startsWith(word.text)) continue;
        let rest = token.slice(word.text.length);
        let next = index + 1;
        const pieces = [word.text];
        while (rest && next < lines.length) {
          const below = [next, next + 1, next + 2]
            .filter((line) => line < lines.length)
            .map((line) => ({
              line,
              piece: lines[line].find(
                (candidate) => Math.abs(candidate.column - word.column) <= COLUMN_SLACK,
              ),
            }))
            .find((candidate) => candidate.piece);
          if (!below || !rest.startsWith(below.piece.text)) break;
          pieces.push(below.piece.text);
          rest = rest.slice(below.piece.text.length);
          next = below.line + 1;
        }
        if (!rest) found.push({ token, pieces, line: index + 1 });
      }
    }
  });
  // One entry per token: how many of its occurrences the PDF lost, and where one was cut.
  const byToken = new Map();
  for (const split of found)
    if (!byToken.has(split.token)) byToken.set(split.token, { ...split, count: shortBy.get(split.token) });
  return [...byToken.values()];
}

async function main() {
  for (const tool of ['soffice', 'pdftotext', 'pdfinfo']) requireTool(tool);
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'hannop-render-'));
  try {
    let docx = option('docx') && resolve(option('docx'));
    if (!docx) {
      const workbook = join(work, 'demo.xlsx');
      run(process.execPath, [BIN, 'init', '--workbook', workbook, '--demo']);
      run(process.execPath, [
        BIN,
        'run',
        '--workbook',
        workbook,
        '--as-of',
        '2023-05-10',
        '--outbox',
        join(work, 'thu'),
      ]);
      docx = join(work, 'bao-cao.docx');
      run(process.execPath, [
        BIN,
        'report',
        '--workbook',
        workbook,
        '--as-of',
        '2023-05-10',
        '--period',
        'BC6T-2023',
        '--docx',
        docx,
      ]);
    }
    const copy = join(work, 'bao-cao.docx');
    if (docx !== copy) copyFileSync(docx, copy);
    // Its own profile: a first start writes one, and two checks must not share it.
    run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        copy,
      ],
      {
        timeout: 180_000,
      },
    );
    const pdf = join(work, 'bao-cao.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
    const layout = run('pdftotext', ['-layout', pdf, '-']);
    const cells = await tableCells(copy);
    const tokens = tokensOf(cells);
    const splits = splitsOf(layout, tokens.all, cells.documentText);
    const png = option('png');
    if (png) {
      const target = resolve(png).replace(/\.png$/i, '');
      run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, target]);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `render-check ${basename(docx)}: ${pages} trang; đã kiểm ${tokens.all.length} từ ` +
        `(${tokens.headerWords.length} từ tiêu đề bảng, ${tokens.bodyWords.length} mã và số); ` +
        `${splits.reduce((sum, split) => sum + split.count, 0)} chỗ bị ngắt giữa từ (${splits.length} từ khác nhau); ${seconds} giây.`,
    );
    for (const split of splits)
      console.log(
        `  «${split.token}»: ${split.count} lần, ví dụ dòng ${split.line}: ${split.pieces.map((piece) => `«${piece}»`).join(' | ')}`,
      );
    process.exitCode = splits.length === 0 ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
