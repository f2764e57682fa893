// An in-memory DocumentApp: documents made by create(), their body as paragraphs and tables with
// the attributes set on them, every call counted. It rejects what Google rejects: a blank name, a
// table whose rows differ in length or hold something other than text, an unknown alignment or
// attribute, an index out of range, and any change once the document is saved and closed.
import { CallLog } from './spreadsheet-app';

export const HORIZONTAL_ALIGNMENT = {
  LEFT: 'LEFT',
  CENTER: 'CENTER',
  RIGHT: 'RIGHT',
  JUSTIFY: 'JUSTIFY',
} as const;

export const ATTRIBUTE = {
  BOLD: 'BOLD',
  ITALIC: 'ITALIC',
  FONT_FAMILY: 'FONT_FAMILY',
  FONT_SIZE: 'FONT_SIZE',
  HORIZONTAL_ALIGNMENT: 'HORIZONTAL_ALIGNMENT',
  UNDERLINE: 'UNDERLINE',
} as const;

type Attributes = Record<string, string | number | boolean>;

function invalid(what: string): Error {
  return new Error(`Exception: Invalid argument: ${what}`);
}

function checkAttributes(attributes: unknown): Attributes {
  if (!attributes || typeof attributes !== 'object') throw invalid('attributes');
  const checked: Attributes = {};
  for (const [key, value] of Object.entries(attributes as Record<string, unknown>)) {
    if (!(key in ATTRIBUTE)) throw invalid(`attributes (unknown attribute ${key})`);
    const ok =
      key === 'FONT_SIZE'
        ? typeof value === 'number' && value > 0
        : key === 'FONT_FAMILY' || key === 'HORIZONTAL_ALIGNMENT'
          ? typeof value === 'string' && value !== ''
          : typeof value === 'boolean';
    if (!ok) throw invalid(`attributes (${key} = ${String(value)})`);
    checked[key] = value as string | number | boolean;
  }
  return checked;
}

/** What is shared by the elements of one document: its call log and whether it is closed. */
class DocumentState {
  closed = false;
  constructor(readonly calls: CallLog) {}

  change(method: string): void {
    this.calls.record(method);
    if (this.closed) throw new Error('Exception: Document is closed, its contents cannot be updated.');
  }
}

export class FakeParagraph {
  attributes: Attributes = {};
  alignment: string = HORIZONTAL_ALIGNMENT.LEFT;

  constructor(
    private readonly state: DocumentState,
    private text: string,
  ) {}

  getText(): string {
    this.state.calls.record('Paragraph.getText');
    return this.text;
  }

  /** The text as stored, without counting a call (for assertions). */
  get storedText(): string {
    return this.text;
  }

  setText(text: unknown): void {
    this.state.change('Paragraph.setText');
    if (typeof text !== 'string') throw invalid('text');
    this.text = text;
  }

  setAlignment(alignment: unknown): FakeParagraph {
    this.state.change('Paragraph.setAlignment');
    if (!Object.values(HORIZONTAL_ALIGNMENT).includes(alignment as never)) throw invalid('alignment');
    this.alignment = alignment as string;
    return this;
  }

  setAttributes(attributes: unknown): FakeParagraph {
    this.state.change('Paragraph.setAttributes');
    this.attributes = { ...this.attributes, ...checkAttributes(attributes) };
    return this;
  }

  asParagraph(): FakeParagraph {
    return this;
  }
}

export class FakeTableCell {
  readonly paragraphs: FakeParagraph[];
  width: number | null = null;

  constructor(
    private readonly state: DocumentState,
    text: string,
  ) {
    // A new cell holds one paragraph with its text.
    this.paragraphs = [new FakeParagraph(state, text)];
  }

  getChild(index: number): FakeParagraph {
    this.state.calls.record('TableCell.getChild');
    const child = this.paragraphs[index];
    if (!child)
      throw new Error(
        `Exception: Child index (${index}) must be less than the number of child elements (${this.paragraphs.length}).`,
      );
    return child;
  }

  appendParagraph(text: unknown): FakeParagraph {
    this.state.change('TableCell.appendParagraph');
    if (typeof text !== 'string') throw invalid('text');
    const paragraph = new FakeParagraph(this.state, text);
    this.paragraphs.push(paragraph);
    return paragraph;
  }

  setWidth(width: unknown): FakeTableCell {
    this.state.change('TableCell.setWidth');
    if (typeof width !== 'number' || width <= 0) throw invalid('width');
    this.width = width;
    return this;
  }

  /** Its paragraphs' text, one per line, as Docs gives it. */
  get storedText(): string {
    return this.paragraphs.map((paragraph) => paragraph.storedText).join('\n');
  }
}

export class FakeTableRow {
  attributes: Attributes = {};
  constructor(
    private readonly state: DocumentState,
    readonly cells: FakeTableCell[],
  ) {}

  setAttributes(attributes: unknown): FakeTableRow {
    this.state.change('TableRow.setAttributes');
    this.attributes = { ...this.attributes, ...checkAttributes(attributes) };
    return this;
  }
}

export class FakeTable {
  readonly rows: FakeTableRow[];
  borderWidth = 1;
  attributes: Attributes = {};

  constructor(
    private readonly state: DocumentState,
    cells: readonly (readonly string[])[],
  ) {
    this.rows = cells.map(
      (row) =>
        new FakeTableRow(
          state,
          row.map((text) => new FakeTableCell(state, text)),
        ),
    );
  }

  getCell(rowIndex: number, cellIndex: number): FakeTableCell {
    this.state.calls.record('Table.getCell');
    const cell = this.rows[rowIndex]?.cells[cellIndex];
    if (!cell) throw new Error(`Exception: Cell (${rowIndex}, ${cellIndex}) is out of range.`);
    return cell;
  }

  getRow(rowIndex: number): FakeTableRow {
    this.state.calls.record('Table.getRow');
    const row = this.rows[rowIndex];
    if (!row)
      throw new Error(
        `Exception: Child index (${rowIndex}) must be less than the number of child elements (${this.rows.length}).`,
      );
    return row;
  }

  /** Widths set by setColumnWidth, in points, by column (absent: Docs shares the page). */
  readonly columnWidths: (number | undefined)[] = [];

  /** Table.setColumnWidth(columnIndex, width): the width of a column, in points. */
  setColumnWidth(columnIndex: unknown, width: unknown): FakeTable {
    this.state.change('Table.setColumnWidth');
    const columns = this.rows[0]?.cells.length ?? 0;
    if (
      typeof columnIndex !== 'number' ||
      !Number.isInteger(columnIndex) ||
      columnIndex < 0 ||
      columnIndex >= columns
    )
      throw new Error(
        `Exception: Cell index (${String(columnIndex)}) must be less than the number of cells (${columns}).`,
      );
    if (typeof width !== 'number' || !(width > 0)) throw invalid('width');
    this.columnWidths[columnIndex] = width;
    return this;
  }

  setBorderWidth(width: unknown): FakeTable {
    this.state.change('Table.setBorderWidth');
    if (typeof width !== 'number' || width < 0) throw invalid('width');
    this.borderWidth = width;
    return this;
  }

  setAttributes(attributes: unknown): FakeTable {
    this.state.change('Table.setAttributes');
    this.attributes = { ...this.attributes, ...checkAttributes(attributes) };
    return this;
  }

  /** The cells' text, row by row. */
  get storedText(): string[][] {
    return this.rows.map((row) => row.cells.map((cell) => cell.storedText));
  }
}

function checkCells(cells: unknown): string[][] {
  if (!Array.isArray(cells) || cells.length === 0) throw invalid('cells');
  const width = Array.isArray(cells[0]) ? (cells[0] as unknown[]).length : 0;
  return cells.map((row: unknown) => {
    if (!Array.isArray(row) || row.length === 0) throw invalid('cells');
    if (row.length !== width) throw invalid('cells (every row must have the same number of cells)');
    return row.map((cell: unknown) => {
      if (typeof cell !== 'string') throw invalid('cells (every cell must be a string)');
      return cell;
    });
  });
}

export type FakeBodyElement = FakeParagraph | FakeTable;

export class FakeBody {
  // A new document's body holds one empty paragraph.
  readonly elements: FakeBodyElement[];
  readonly page: Record<string, number> = {};

  constructor(private readonly state: DocumentState) {
    this.elements = [new FakeParagraph(state, '')];
  }

  appendParagraph(text: unknown): FakeParagraph {
    this.state.change('Body.appendParagraph');
    if (typeof text !== 'string') throw invalid('text');
    const paragraph = new FakeParagraph(this.state, text);
    this.elements.push(paragraph);
    return paragraph;
  }

  appendTable(cells: unknown): FakeTable {
    this.state.change('Body.appendTable');
    const table = new FakeTable(this.state, checkCells(cells));
    this.elements.push(table);
    return table;
  }

  private setPage(method: string, key: string, points: unknown): FakeBody {
    this.state.change(`Body.${method}`);
    if (typeof points !== 'number' || !Number.isFinite(points) || points < 0) throw invalid(key);
    this.page[key] = points;
    return this;
  }

  setPageWidth(points: unknown): FakeBody {
    return this.setPage('setPageWidth', 'pageWidth', points);
  }
  setPageHeight(points: unknown): FakeBody {
    return this.setPage('setPageHeight', 'pageHeight', points);
  }
  setMarginTop(points: unknown): FakeBody {
    return this.setPage('setMarginTop', 'marginTop', points);
  }
  setMarginBottom(points: unknown): FakeBody {
    return this.setPage('setMarginBottom', 'marginBottom', points);
  }
  setMarginLeft(points: unknown): FakeBody {
    return this.setPage('setMarginLeft', 'marginLeft', points);
  }
  setMarginRight(points: unknown): FakeBody {
    return this.setPage('setMarginRight', 'marginRight', points);
  }

  get paragraphs(): FakeParagraph[] {
    return this.elements.filter((element): element is FakeParagraph => element instanceof FakeParagraph);
  }

  get tables(): FakeTable[] {
    return this.elements.filter((element): element is FakeTable => element instanceof FakeTable);
  }
}

export class FakeDocument {
  private readonly state: DocumentState;
  private readonly body: FakeBody;

  constructor(
    calls: CallLog,
    readonly id: string,
    readonly name: string,
  ) {
    this.state = new DocumentState(calls);
    this.body = new FakeBody(this.state);
  }

  get isClosed(): boolean {
    return this.state.closed;
  }

  /** The body, without counting a call (for assertions). */
  get storedBody(): FakeBody {
    return this.body;
  }

  getBody(): FakeBody {
    this.state.change('Document.getBody');
    return this.body;
  }

  getId(): string {
    this.state.calls.record('Document.getId');
    return this.id;
  }

  getName(): string {
    this.state.calls.record('Document.getName');
    return this.name;
  }

  getUrl(): string {
    this.state.calls.record('Document.getUrl');
    return `https://docs.google.com/document/d/${this.id}/edit`;
  }

  saveAndClose(): void {
    this.state.change('Document.saveAndClose');
    this.state.closed = true;
  }
}

export class FakeDocumentApp {
  readonly HorizontalAlignment = HORIZONTAL_ALIGNMENT;
  readonly Attribute = ATTRIBUTE;
  readonly documents: FakeDocument[] = [];

  constructor(readonly calls: CallLog = new CallLog()) {}

  create(name: unknown): FakeDocument {
    this.calls.record('DocumentApp.create');
    if (typeof name !== 'string' || name.trim() === '') throw invalid('name');
    const document = new FakeDocument(this.calls, `doc${this.documents.length + 1}`, name);
    this.documents.push(document);
    return document;
  }
}
