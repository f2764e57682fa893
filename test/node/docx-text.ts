// Reads a written .docx back as Word would open it (the zip, then word/document.xml): the body as
// paragraphs and tables, each cell's paragraphs joined by line breaks.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; xml: string; rows: string[][] };

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function paragraphText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => decodeXml(match[1] ?? ''))
    .join('');
}

/** The body of a document.xml as paragraphs and tables (cells' paragraphs joined by line breaks). */
export function bodyBlocks(xml: string): Block[] {
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? '';
  return [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p\b[\s\S]*?<\/w:p>/g)].map((match) => {
    const part = match[0];
    if (!part.startsWith('<w:tbl>')) return { kind: 'paragraph', text: paragraphText(part) };
    const rows = [...part.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) =>
        [...cell[0].matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) => paragraphText(p[0])).join('\n'),
      ),
    );
    return { kind: 'table', xml: part, rows };
  });
}

export async function documentXml(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const entry = zip.file('word/document.xml');
  if (!entry) throw new Error('word/document.xml is missing');
  return entry.async('string');
}

export function tables(blocks: readonly Block[]): Extract<Block, { kind: 'table' }>[] {
  return blocks.filter((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table');
}
