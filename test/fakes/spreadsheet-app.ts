// An in-memory SpreadsheetApp: the part hannop uses, behaving like Google Sheets in a Vietnamese
// locale and throwing what Google throws. Every method call is counted, because in Apps Script
// every call is a round trip and "a job costs N calls" is a property the tests pin down.
//
// Where Google's behaviour is not documented, the fake takes the side that would expose a bug:
// - formulas are not evaluated: a cell holding a formula reads back as '#ERROR!', so text that
//   accidentally became a formula never reads back as the text that was written;
// - `Sheet.protect()` adds a second protection when the sheet already has one;
// - a string cell holds at most 50,000 characters (Google's limit), counted without the leading
//   apostrophe that only marks the text as text;
// - data validation survives `clear()` (only `clear({ validationsOnly: true })` and
//   `clearDataValidations()` remove it), and a list rule compares the stored text exactly (case
//   and accents included); a rule that rejects input rejects a script's `setValue(s)` too.
// Writing below the last row or right of the last column grows the sheet, as `setValues` does.

import { parseIsoDate, parseVietnameseDate, vietnamClockOf, vietnamInstant } from '../../src/domain/time';

type StoredValue = string | number | boolean | Date;

export const FORMULA_VALUE = '#ERROR!';
export const AUTOMATIC_NUMBER_FORMAT = '0.###############';
const PLAIN_TEXT_FORMAT = '@';
const MAX_CELL_CHARACTERS = 50000;
const NEW_SHEET_ROWS = 1000;
const NEW_SHEET_COLUMNS = 26;
const MAX_METADATA_CHARACTERS = 30000;

/** Counts calls per `Class.method` and in total. */
export class CallLog {
  private readonly counts = new Map<string, number>();
  private calls: string[] = [];
  private mutedDepth = 0;

  record(method: string): void {
    if (this.mutedDepth > 0) return;
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    this.calls.push(method);
  }

  get total(): number {
    return this.calls.length;
  }

  /** In call order, e.g. `['Spreadsheet.getSheetByName', 'Sheet.getDataRange', …]`. */
  get sequence(): readonly string[] {
    return this.calls;
  }

  /** Calls of `Class.method`, or of `method` on any class when no class is named. */
  count(method: string): number {
    if (method.includes('.')) return this.counts.get(method) ?? 0;
    let sum = 0;
    this.counts.forEach((count, key) => {
      if (key.endsWith(`.${method}`)) sum += count;
    });
    return sum;
  }

  byMethod(): Record<string, number> {
    const result: Record<string, number> = {};
    [...this.counts.keys()].sort().forEach((key) => {
      result[key] = this.counts.get(key) as number;
    });
    return result;
  }

  reset(): void {
    this.counts.clear();
    this.calls = [];
  }

  /** Runs `work` without recording its calls: one Apps Script call the fake carries out with others. */
  muted<T>(work: () => T): T {
    this.mutedDepth += 1;
    try {
      return work();
    } finally {
      this.mutedDepth -= 1;
    }
  }
}

interface Cell {
  value: StoredValue;
  formula: string;
  numberFormat: string;
  fontWeight: 'normal' | 'bold';
  background: string;
  fontColor: string;
  validation?: FakeDataValidation | null;
}

function emptyCell(): Cell {
  return {
    value: '',
    formula: '',
    numberFormat: AUTOMATIC_NUMBER_FORMAT,
    fontWeight: 'normal',
    background: '#ffffff',
    fontColor: '#000000',
  };
}

function copyValue(value: StoredValue): StoredValue {
  return value instanceof Date ? new Date(value.getTime()) : value;
}

function isBlank(cell: Cell | undefined): boolean {
  return !cell || (cell.value === '' && cell.formula === '');
}

/** A number as a vi_VN sheet reads typed text: `.` groups thousands, `,` is the decimal mark. */
function parseVietnameseNumber(text: string): number | null {
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) return Number(text.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d+,\d+$/.test(text)) return Number(text.replace(',', '.'));
  if (/^[+-]?\d+(,\d+)?[eE][+-]?\d+$/.test(text)) return Number(text.replace(',', '.'));
  if (/^[+-]?\d+(,\d+)?%$/.test(text)) return Number(text.slice(0, -1).replace(',', '.')) / 100;
  return null;
}

function parseTypedDate(text: string): { value: Date; numberFormat: string } | null {
  const date = parseVietnameseDate(text) ?? parseIsoDate(text);
  if (date) return { value: vietnamInstant(date), numberFormat: 'dd/MM/yyyy' };
  const match = /^(\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  const day = match ? parseVietnameseDate(match[1] as string) : null;
  if (!match || !day) return null;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return { value: vietnamInstant(day, hours, minutes, seconds), numberFormat: 'dd/MM/yyyy HH:mm:ss' };
}

/**
 * What a cell holds after `setValues` writes `text` into it: Sheets reads strings as if a person
 * typed them (USER_ENTERED) unless the cell is formatted as plain text (`@`).
 */
function enterText(cell: Cell, text: string): void {
  cell.formula = '';
  if (cell.numberFormat === PLAIN_TEXT_FORMAT) {
    cell.value = text;
    return;
  }
  if (text.startsWith("'")) {
    cell.value = text.slice(1);
    return;
  }
  if (text.startsWith('=')) {
    cell.formula = text;
    cell.value = FORMULA_VALUE;
    return;
  }
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) {
    cell.value = trimmed.toLowerCase() === 'true';
    return;
  }
  const number = parseVietnameseNumber(trimmed);
  if (number !== null) {
    cell.value = number;
    return;
  }
  const date = parseTypedDate(trimmed);
  if (date) {
    cell.value = date.value;
    if (cell.numberFormat === AUTOMATIC_NUMBER_FORMAT) cell.numberFormat = date.numberFormat;
    return;
  }
  cell.value = text;
}

function checkCellLength(value: unknown): void {
  const stored = typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value;
  if (typeof stored === 'string' && stored.length > MAX_CELL_CHARACTERS) {
    throw new Error(
      `Your input contains more than the maximum of ${MAX_CELL_CHARACTERS} characters in a single cell.`,
    );
  }
}

function writeValue(cell: Cell, value: unknown): void {
  if (value === null || value === undefined || value === '') {
    cell.value = '';
    cell.formula = '';
  } else if (typeof value === 'string') {
    enterText(cell, value);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    cell.value = value;
    cell.formula = '';
  } else if (value instanceof Date) {
    cell.value = new Date(value.getTime());
    cell.formula = '';
  } else {
    enterText(cell, String(value));
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Enough of Sheets' display formatting to check dates: dd, MM, yyyy, HH, mm, ss. */
function displayValue(cell: Cell): string {
  const { value, numberFormat } = cell;
  if (value instanceof Date) {
    const clock = vietnamClockOf(value);
    const [year, month, day] = clock.date.split('-') as [string, string, string];
    const pattern = numberFormat === AUTOMATIC_NUMBER_FORMAT ? 'dd/MM/yyyy HH:mm:ss' : numberFormat;
    return pattern
      .replace('yyyy', year)
      .replace('MM', month)
      .replace('dd', day)
      .replace('HH', pad(clock.hours))
      .replace('mm', pad(clock.minutes))
      .replace('ss', pad(clock.seconds));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return value;
}

export function columnLetter(column: number): string {
  let letters = '';
  let rest = column;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
}

function dimensionMismatch(kind: 'rows' | 'columns', data: number, range: number): Error {
  return new Error(
    `The number of ${kind} in the data does not match the number of ${kind} in the range. ` +
      `The data has ${data} but the range has ${range}.`,
  );
}

function checkGrid(values: unknown, numRows: number, numColumns: number, method: string): unknown[][] {
  if (!Array.isArray(values) || values.some((row) => !Array.isArray(row))) {
    throw new Error(`The parameters don't match the method signature for SpreadsheetApp.Range.${method}.`);
  }
  const grid = values as unknown[][];
  if (grid.length !== numRows) throw dimensionMismatch('rows', grid.length, numRows);
  const wrongRow = grid.find((row) => row.length !== numColumns);
  if (wrongRow) throw dimensionMismatch('columns', wrongRow.length, numColumns);
  return grid;
}

export class FakeFilter {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly range: FakeRange,
  ) {}

  getRange(): FakeRange {
    this.sheet.calls.record('Filter.getRange');
    return this.range;
  }

  remove(): void {
    this.sheet.calls.record('Filter.remove');
    this.sheet.filter = null;
  }
}

export class FakeProtection {
  private warningOnly = false;
  private description = '';

  constructor(
    private readonly sheet: FakeSheet,
    readonly protectionType: 'SHEET' | 'RANGE',
  ) {}

  setWarningOnly(warningOnly: boolean): this {
    this.sheet.calls.record('Protection.setWarningOnly');
    this.warningOnly = warningOnly;
    return this;
  }

  isWarningOnly(): boolean {
    this.sheet.calls.record('Protection.isWarningOnly');
    return this.warningOnly;
  }

  setDescription(description: string): this {
    this.sheet.calls.record('Protection.setDescription');
    this.description = description;
    return this;
  }

  getDescription(): string {
    this.sheet.calls.record('Protection.getDescription');
    return this.description;
  }

  getProtectionType(): 'SHEET' | 'RANGE' {
    this.sheet.calls.record('Protection.getProtectionType');
    return this.protectionType;
  }

  remove(): void {
    this.sheet.calls.record('Protection.remove');
    this.sheet.protections = this.sheet.protections.filter((protection) => protection !== this);
  }
}

export class FakeBooleanCondition {
  constructor(
    private readonly calls: CallLog,
    private readonly criteriaType: string,
    private readonly criteriaValues: readonly unknown[],
    private readonly background: string | null,
    private readonly fontColor: string | null,
  ) {}

  getCriteriaType(): string {
    this.calls.record('BooleanCondition.getCriteriaType');
    return this.criteriaType;
  }

  getCriteriaValues(): unknown[] {
    this.calls.record('BooleanCondition.getCriteriaValues');
    return [...this.criteriaValues];
  }

  getBackground(): string | null {
    this.calls.record('BooleanCondition.getBackground');
    return this.background;
  }

  getFontColor(): string | null {
    this.calls.record('BooleanCondition.getFontColor');
    return this.fontColor;
  }
}

export class FakeConditionalFormatRule {
  constructor(
    private readonly calls: CallLog,
    private readonly ranges: readonly FakeRange[],
    private readonly condition: FakeBooleanCondition,
  ) {}

  getRanges(): FakeRange[] {
    this.calls.record('ConditionalFormatRule.getRanges');
    return [...this.ranges];
  }

  getBooleanCondition(): FakeBooleanCondition {
    this.calls.record('ConditionalFormatRule.getBooleanCondition');
    return this.condition;
  }
}

export class FakeConditionalFormatRuleBuilder {
  private criteriaType: string | null = null;
  private criteriaValues: unknown[] = [];
  private background: string | null = null;
  private fontColor: string | null = null;
  private ranges: FakeRange[] = [];

  constructor(private readonly calls: CallLog) {}

  whenTextEqualTo(text: string): this {
    this.calls.record('ConditionalFormatRuleBuilder.whenTextEqualTo');
    this.criteriaType = 'TEXT_EQUAL_TO';
    this.criteriaValues = [text];
    return this;
  }

  whenTextContains(text: string): this {
    this.calls.record('ConditionalFormatRuleBuilder.whenTextContains');
    this.criteriaType = 'TEXT_CONTAINS';
    this.criteriaValues = [text];
    return this;
  }

  whenFormulaSatisfied(formula: string): this {
    this.calls.record('ConditionalFormatRuleBuilder.whenFormulaSatisfied');
    this.criteriaType = 'CUSTOM_FORMULA';
    this.criteriaValues = [formula];
    return this;
  }

  setBackground(color: string | null): this {
    this.calls.record('ConditionalFormatRuleBuilder.setBackground');
    this.background = color;
    return this;
  }

  setFontColor(color: string | null): this {
    this.calls.record('ConditionalFormatRuleBuilder.setFontColor');
    this.fontColor = color;
    return this;
  }

  setRanges(ranges: FakeRange[]): this {
    this.calls.record('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = [...ranges];
    return this;
  }

  build(): FakeConditionalFormatRule {
    this.calls.record('ConditionalFormatRuleBuilder.build');
    if (this.ranges.length === 0) throw new Error('Conditional format rule must have at least one range.');
    if (!this.criteriaType) throw new Error('Conditional format rule must have a condition.');
    if (this.background === null && this.fontColor === null) {
      throw new Error('Conditional format rule must have at least one format.');
    }
    const condition = new FakeBooleanCondition(
      this.calls,
      this.criteriaType,
      this.criteriaValues,
      this.background,
      this.fontColor,
    );
    return new FakeConditionalFormatRule(this.calls, this.ranges, condition);
  }
}

/** A data validation rule; only a list of values (`requireValueInList`) is modelled. */
export class FakeDataValidation {
  constructor(
    private readonly calls: CallLog,
    readonly values: readonly string[],
    readonly showDropdown: boolean,
    readonly allowsInvalid: boolean,
    readonly helpText: string | null,
  ) {}

  getCriteriaType(): 'VALUE_IN_LIST' {
    this.calls.record('DataValidation.getCriteriaType');
    return 'VALUE_IN_LIST';
  }

  /** `[values, showDropdown]`, as Google gives them for VALUE_IN_LIST. */
  getCriteriaValues(): [string[], boolean] {
    this.calls.record('DataValidation.getCriteriaValues');
    return [[...this.values], this.showDropdown];
  }

  getAllowInvalid(): boolean {
    this.calls.record('DataValidation.getAllowInvalid');
    return this.allowsInvalid;
  }

  getHelpText(): string | null {
    this.calls.record('DataValidation.getHelpText');
    return this.helpText;
  }

  copy(): FakeDataValidationBuilder {
    this.calls.record('DataValidation.copy');
    const builder = new FakeDataValidationBuilder(this.calls);
    builder.restore(this);
    return builder;
  }

  /** Whether the cell may hold its value under this rule: blanks always may. */
  accepts(cell: { value: StoredValue; formula: string }): boolean {
    if (cell.value === '' && cell.formula === '') return true;
    const text = typeof cell.value === 'boolean' ? (cell.value ? 'TRUE' : 'FALSE') : String(cell.value);
    return !cell.formula && this.values.includes(text);
  }
}

export class FakeDataValidationBuilder {
  private values: string[] | null = null;
  private showDropdown = true;
  // Google's default: a value outside the rule is kept and marked with a warning.
  private allowInvalid = true;
  private helpText: string | null = null;

  constructor(private readonly calls: CallLog) {}

  restore(rule: FakeDataValidation): void {
    this.values = [...rule.values];
    this.showDropdown = rule.showDropdown;
    this.allowInvalid = rule.allowsInvalid;
    this.helpText = rule.helpText;
  }

  requireValueInList(values: string[], showDropdown = true): this {
    this.calls.record('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values)) {
      throw new Error(
        "The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
      );
    }
    this.values = values.map(String);
    this.showDropdown = showDropdown;
    return this;
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.calls.record('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: string): this {
    this.calls.record('DataValidationBuilder.setHelpText');
    this.helpText = helpText;
    return this;
  }

  build(): FakeDataValidation {
    this.calls.record('DataValidationBuilder.build');
    if (this.values === null) throw new Error('Data validation rule must have a criteria.');
    return new FakeDataValidation(
      this.calls,
      this.values,
      this.showDropdown,
      this.allowInvalid,
      this.helpText,
    );
  }
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}

  private record(method: string): void {
    this.sheet.calls.record(`Range.${method}`);
  }

  private mapCells<T>(read: (cell: Cell) => T): T[][] {
    const grid: T[][] = [];
    for (let r = 0; r < this.numRows; r += 1) {
      const row: T[] = [];
      for (let c = 0; c < this.numColumns; c += 1) {
        row.push(read(this.sheet.peekCell(this.row + r, this.column + c) ?? emptyCell()));
      }
      grid.push(row);
    }
    return grid;
  }

  private updateCells(update: (cell: Cell, r: number, c: number) => void): this {
    for (let r = 0; r < this.numRows; r += 1) {
      for (let c = 0; c < this.numColumns; c += 1) {
        update(this.sheet.cellAt(this.row + r, this.column + c), r, c);
      }
    }
    return this;
  }

  getRow(): number {
    this.record('getRow');
    return this.row;
  }

  getColumn(): number {
    this.record('getColumn');
    return this.column;
  }

  getNumRows(): number {
    this.record('getNumRows');
    return this.numRows;
  }

  getNumColumns(): number {
    this.record('getNumColumns');
    return this.numColumns;
  }

  getLastRow(): number {
    this.record('getLastRow');
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.record('getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    this.record('getA1Notation');
    return this.a1Notation();
  }

  /** The range's address, for assertions; not counted (Apps Script has no such method). */
  a1Notation(): string {
    const start = `${columnLetter(this.column)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return start;
    return `${start}:${columnLetter(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }

  getSheet(): FakeSheet {
    this.record('getSheet');
    return this.sheet;
  }

  getValues(): StoredValue[][] {
    this.record('getValues');
    return this.mapCells((cell) => copyValue(cell.value));
  }

  getValue(): StoredValue {
    this.record('getValue');
    return copyValue((this.sheet.peekCell(this.row, this.column) ?? emptyCell()).value);
  }

  getDisplayValues(): string[][] {
    this.record('getDisplayValues');
    return this.mapCells(displayValue);
  }

  getFormulas(): string[][] {
    this.record('getFormulas');
    return this.mapCells((cell) => cell.formula);
  }

  setValues(values: unknown[][]): this {
    this.record('setValues');
    const grid = checkGrid(values, this.numRows, this.numColumns, 'setValues');
    grid.forEach((row) => row.forEach(checkCellLength));
    this.checkValidations((r, c) => (grid[r] as unknown[])[c]);
    return this.updateCells((cell, r, c) => writeValue(cell, (grid[r] as unknown[])[c]));
  }

  setValue(value: unknown): this {
    this.record('setValue');
    checkCellLength(value);
    this.checkValidations(() => value);
    return this.updateCells((cell) => writeValue(cell, value));
  }

  /** Google rejects the whole write when one cell's rule rejects what it would hold. */
  private checkValidations(valueAt: (r: number, c: number) => unknown): void {
    for (let r = 0; r < this.numRows; r += 1) {
      for (let c = 0; c < this.numColumns; c += 1) {
        const cell = this.sheet.peekCell(this.row + r, this.column + c);
        const rule = cell?.validation;
        if (!cell || !rule || rule.allowsInvalid) continue;
        const entered = { ...cell };
        writeValue(entered, valueAt(r, c));
        if (!rule.accepts(entered)) {
          throw new Error(
            `The data you entered in cell ${columnLetter(this.column + c)}${this.row + r} ` +
              'violates the data validation rules set on this cell.',
          );
        }
      }
    }
  }

  setDataValidation(rule: FakeDataValidation | null): this {
    this.record('setDataValidation');
    return this.updateCells((cell) => {
      cell.validation = rule;
    });
  }

  setDataValidations(rules: (FakeDataValidation | null)[][]): this {
    this.record('setDataValidations');
    const grid = checkGrid(rules, this.numRows, this.numColumns, 'setDataValidations');
    return this.updateCells((cell, r, c) => {
      cell.validation = ((grid[r] as unknown[])[c] as FakeDataValidation | null) ?? null;
    });
  }

  /** The rule of the top-left cell, or null. */
  getDataValidation(): FakeDataValidation | null {
    this.record('getDataValidation');
    return this.sheet.peekCell(this.row, this.column)?.validation ?? null;
  }

  getDataValidations(): (FakeDataValidation | null)[][] {
    this.record('getDataValidations');
    return this.mapCells((cell) => cell.validation ?? null);
  }

  clearDataValidations(): this {
    this.record('clearDataValidations');
    return this.updateCells((cell) => {
      cell.validation = null;
    });
  }

  getNumberFormats(): string[][] {
    this.record('getNumberFormats');
    return this.mapCells((cell) => cell.numberFormat);
  }

  setNumberFormat(numberFormat: string): this {
    this.record('setNumberFormat');
    return this.updateCells((cell) => {
      cell.numberFormat = numberFormat;
    });
  }

  setNumberFormats(numberFormats: string[][]): this {
    this.record('setNumberFormats');
    const grid = checkGrid(numberFormats, this.numRows, this.numColumns, 'setNumberFormats');
    return this.updateCells((cell, r, c) => {
      cell.numberFormat = String((grid[r] as unknown[])[c] ?? AUTOMATIC_NUMBER_FORMAT);
    });
  }

  getFontWeights(): string[][] {
    this.record('getFontWeights');
    return this.mapCells((cell) => cell.fontWeight);
  }

  setFontWeight(fontWeight: 'normal' | 'bold' | null): this {
    this.record('setFontWeight');
    return this.updateCells((cell) => {
      cell.fontWeight = fontWeight ?? 'normal';
    });
  }

  setFontWeights(fontWeights: ('normal' | 'bold' | null)[][]): this {
    this.record('setFontWeights');
    const grid = checkGrid(fontWeights, this.numRows, this.numColumns, 'setFontWeights');
    return this.updateCells((cell, r, c) => {
      cell.fontWeight = (grid[r] as unknown[])[c] === 'bold' ? 'bold' : 'normal';
    });
  }

  getBackgrounds(): string[][] {
    this.record('getBackgrounds');
    return this.mapCells((cell) => cell.background);
  }

  setBackground(color: string | null): this {
    this.record('setBackground');
    return this.updateCells((cell) => {
      cell.background = color ?? '#ffffff';
    });
  }

  setBackgrounds(colors: (string | null)[][]): this {
    this.record('setBackgrounds');
    const grid = checkGrid(colors, this.numRows, this.numColumns, 'setBackgrounds');
    return this.updateCells((cell, r, c) => {
      cell.background = ((grid[r] as unknown[])[c] as string | null) ?? '#ffffff';
    });
  }

  getFontColors(): string[][] {
    this.record('getFontColors');
    return this.mapCells((cell) => cell.fontColor);
  }

  setFontColor(color: string | null): this {
    this.record('setFontColor');
    return this.updateCells((cell) => {
      cell.fontColor = color ?? '#000000';
    });
  }

  clearContent(): this {
    this.record('clearContent');
    return this.updateCells((cell) => writeValue(cell, ''));
  }

  clearFormat(): this {
    this.record('clearFormat');
    return this.updateCells(resetFormat);
  }

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): this {
    this.record('clear');
    if (options?.validationsOnly) {
      this.updateCells((cell) => {
        cell.validation = null;
      });
      if (!options.contentsOnly && !options.formatOnly) return this;
    }
    const both = !options || (!options.contentsOnly && !options.formatOnly && !options.validationsOnly);
    return this.updateCells((cell) => {
      if (both || options?.contentsOnly) writeValue(cell, '');
      if (both || options?.formatOnly) resetFormat(cell);
    });
  }

  createFilter(): FakeFilter {
    this.record('createFilter');
    if (this.sheet.filter) throw new Error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = new FakeFilter(this.sheet, this);
    return this.sheet.filter;
  }
}

function resetFormat(cell: Cell): void {
  const blank = emptyCell();
  cell.numberFormat = blank.numberFormat;
  cell.fontWeight = blank.fontWeight;
  cell.background = blank.background;
  cell.fontColor = blank.fontColor;
}

/** Several ranges of one sheet, set in one call (`Sheet.getRangeList`). */
export class FakeRangeList {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly ranges: readonly FakeRange[],
  ) {}

  getRanges(): FakeRange[] {
    this.sheet.calls.record('RangeList.getRanges');
    return [...this.ranges];
  }

  /** Applied to each range as `Range.setNumberFormat` would, without counting those calls. */
  setNumberFormat(numberFormat: string): this {
    this.sheet.calls.record('RangeList.setNumberFormat');
    this.sheet.calls.muted(() => this.ranges.forEach((range) => range.setNumberFormat(numberFormat)));
    return this;
  }

  setFontWeight(fontWeight: 'normal' | 'bold' | null): this {
    this.sheet.calls.record('RangeList.setFontWeight');
    this.sheet.calls.muted(() => this.ranges.forEach((range) => range.setFontWeight(fontWeight)));
    return this;
  }
}

export class FakeSheet {
  private readonly grid: (Cell | undefined)[][] = [];
  private maxRows = NEW_SHEET_ROWS;
  private maxColumns = NEW_SHEET_COLUMNS;
  private frozenRows = 0;
  private frozenColumns = 0;
  private hidden = false;
  private conditionalFormatRules: FakeConditionalFormatRule[] = [];
  private readonly columnWidths = new Map<number, number>();
  /** Internal state that Google keeps per sheet; tests read it through the counted methods. */
  filter: FakeFilter | null = null;
  protections: FakeProtection[] = [];

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    private name: string,
    readonly sheetId: number,
  ) {}

  get calls(): CallLog {
    return this.spreadsheet.calls;
  }

  private record(method: string): void {
    this.calls.record(`Sheet.${method}`);
  }

  /** The cell if it was ever written; reading never creates cells. */
  peekCell(row: number, column: number): Cell | undefined {
    return this.grid[row - 1]?.[column - 1];
  }

  cellAt(row: number, column: number): Cell {
    this.maxRows = Math.max(this.maxRows, row);
    this.maxColumns = Math.max(this.maxColumns, column);
    const cells = this.grid[row - 1] ?? (this.grid[row - 1] = []);
    return cells[column - 1] ?? (cells[column - 1] = emptyCell());
  }

  /** The current name without counting a call (for the spreadsheet's own look-ups). */
  get currentName(): string {
    return this.name;
  }

  private lastRowWithContent(): number {
    for (let row = this.grid.length; row >= 1; row -= 1) {
      if ((this.grid[row - 1] ?? []).some((cell) => !isBlank(cell))) return row;
    }
    return 0;
  }

  private lastColumnWithContent(): number {
    let last = 0;
    this.grid.forEach((cells) => {
      cells.forEach((cell, index) => {
        if (!isBlank(cell) && index + 1 > last) last = index + 1;
      });
    });
    return last;
  }

  getName(): string {
    this.record('getName');
    return this.name;
  }

  setName(name: string): this {
    this.record('setName');
    this.spreadsheet.assertNameFree(name, this);
    this.name = name;
    return this;
  }

  getSheetId(): number {
    this.record('getSheetId');
    return this.sheetId;
  }

  getParent(): FakeSpreadsheet {
    this.record('getParent');
    return this.spreadsheet;
  }

  getLastRow(): number {
    this.record('getLastRow');
    return this.lastRowWithContent();
  }

  getLastColumn(): number {
    this.record('getLastColumn');
    return this.lastColumnWithContent();
  }

  getMaxRows(): number {
    this.record('getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.record('getMaxColumns');
    return this.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.record('insertRowsAfter');
    this.grid.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => []));
    this.maxRows += howMany;
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.record('insertColumnsAfter');
    this.grid.forEach((cells) => {
      if (cells.length > afterPosition) cells.splice(afterPosition, 0, ...new Array<undefined>(howMany));
    });
    this.maxColumns += howMany;
    return this;
  }

  /** The rectangle from A1 to the last row and column with content (A1 when the sheet is empty). */
  getDataRange(): FakeRange {
    this.record('getDataRange');
    return new FakeRange(
      this,
      1,
      1,
      Math.max(1, this.lastRowWithContent()),
      Math.max(1, this.lastColumnWithContent()),
    );
  }

  getRange(a1Notation: string): FakeRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getRange(rowOrA1: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    this.record('getRange');
    if (typeof rowOrA1 === 'string') return this.rangeFromA1(rowOrA1);
    const row = rowOrA1;
    if (!Number.isInteger(row) || row < 1) throw new Error('The starting row of the range is too small.');
    if (column === undefined || !Number.isInteger(column) || column < 1) {
      throw new Error('The starting column of the range is too small.');
    }
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  /** `A1`, `A1:C3`, `C2:C` (to the last row), `A:C` (whole columns). */
  rangeFromA1(a1Notation: string): FakeRange {
    const match = /^([A-Z]+)(\d+)?(?::([A-Z]+)(\d+)?)?$/i.exec(a1Notation.trim());
    if (!match) throw new Error('Range not found');
    const startColumn = columnNumber(match[1] as string);
    const startRow = match[2] ? Number(match[2]) : 1;
    const endColumn = match[3] ? columnNumber(match[3]) : startColumn;
    const endRow = match[4] ? Number(match[4]) : match[2] && !match[3] ? startRow : this.maxRows;
    if (startRow < 1 || endRow < startRow || endColumn < startColumn) throw new Error('Range not found');
    return new FakeRange(this, startRow, startColumn, endRow - startRow + 1, endColumn - startColumn + 1);
  }

  /** Cell contents and formats; frozen panes, rules, filter, protections and column widths stay. */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    this.record('clear');
    const both = !options || (!options.contentsOnly && !options.formatOnly);
    this.grid.forEach((cells) =>
      cells.forEach((cell) => {
        if (!cell) return;
        if (both || options?.contentsOnly) writeValue(cell, '');
        if (both || options?.formatOnly) resetFormat(cell);
      }),
    );
    return this;
  }

  clearContents(): this {
    this.record('clearContents');
    this.grid.forEach((cells) => cells.forEach((cell) => cell && writeValue(cell, '')));
    return this;
  }

  clearFormats(): this {
    this.record('clearFormats');
    this.grid.forEach((cells) => cells.forEach((cell) => cell && resetFormat(cell)));
    return this;
  }

  setFrozenRows(rows: number): this {
    this.record('setFrozenRows');
    this.frozenRows = rows;
    return this;
  }

  getFrozenRows(): number {
    this.record('getFrozenRows');
    return this.frozenRows;
  }

  setFrozenColumns(columns: number): this {
    this.record('setFrozenColumns');
    this.frozenColumns = columns;
    return this;
  }

  getFrozenColumns(): number {
    this.record('getFrozenColumns');
    return this.frozenColumns;
  }

  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    this.record('setConditionalFormatRules');
    this.conditionalFormatRules = [...rules];
  }

  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    this.record('getConditionalFormatRules');
    return [...this.conditionalFormatRules];
  }

  protect(): FakeProtection {
    this.record('protect');
    const protection = new FakeProtection(this, 'SHEET');
    this.protections.push(protection);
    return protection;
  }

  getProtections(type: 'SHEET' | 'RANGE'): FakeProtection[] {
    this.record('getProtections');
    return this.protections.filter((protection) => protection.protectionType === type);
  }

  getFilter(): FakeFilter | null {
    this.record('getFilter');
    return this.filter;
  }

  getRangeList(a1Notations: string[]): FakeRangeList {
    this.record('getRangeList');
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) {
      throw new Error(
        "The parameters () don't match the method signature for SpreadsheetApp.Sheet.getRangeList.",
      );
    }
    return new FakeRangeList(
      this,
      a1Notations.map((a1Notation) => this.rangeFromA1(a1Notation)),
    );
  }

  setColumnWidth(column: number, width: number): this {
    this.record('setColumnWidth');
    this.columnWidths.set(column, width);
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.record('setColumnWidths');
    for (let column = startColumn; column < startColumn + numColumns; column += 1) {
      this.columnWidths.set(column, width);
    }
    return this;
  }

  getColumnWidth(column: number): number {
    this.record('getColumnWidth');
    return this.columnWidths.get(column) ?? 100;
  }

  hideSheet(): this {
    this.record('hideSheet');
    this.hidden = true;
    return this;
  }

  showSheet(): this {
    this.record('showSheet');
    this.hidden = false;
    return this;
  }

  isSheetHidden(): boolean {
    this.record('isSheetHidden');
    return this.hidden;
  }
}

export interface RecordedToast {
  readonly message: string;
  readonly title?: string;
  readonly timeoutSeconds?: number;
}

export class FakeDeveloperMetadata {
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly id: number,
    readonly key: string,
    private value: string | null,
  ) {}

  /** The value without counting a call (for the spreadsheet's size check). */
  get storedValue(): string | null {
    return this.value;
  }

  getId(): number {
    this.spreadsheet.calls.record('DeveloperMetadata.getId');
    return this.id;
  }

  getKey(): string {
    this.spreadsheet.calls.record('DeveloperMetadata.getKey');
    return this.key;
  }

  getValue(): string | null {
    this.spreadsheet.calls.record('DeveloperMetadata.getValue');
    return this.value;
  }

  setValue(value: string): this {
    this.spreadsheet.calls.record('DeveloperMetadata.setValue');
    this.spreadsheet.checkMetadataSize(this, value);
    this.value = value;
    return this;
  }

  remove(): void {
    this.spreadsheet.calls.record('DeveloperMetadata.remove');
    this.spreadsheet.removeDeveloperMetadata(this);
  }
}

export class FakeSpreadsheet {
  private sheets: FakeSheet[] = [];
  private nextSheetId = 0;
  private timeZone = 'Asia/Ho_Chi_Minh';
  readonly toasts: RecordedToast[] = [];
  private developerMetadata: FakeDeveloperMetadata[] = [];
  private nextMetadataId = 1;

  constructor(
    readonly calls: CallLog,
    readonly spreadsheetId: string,
    private readonly name: string,
    sheetNames: readonly string[],
  ) {
    sheetNames.forEach((sheetName) => this.sheets.push(new FakeSheet(this, sheetName, this.nextSheetId++)));
  }

  private record(method: string): void {
    this.calls.record(`Spreadsheet.${method}`);
  }

  assertNameFree(name: string, except?: FakeSheet): void {
    if (this.sheets.some((sheet) => sheet !== except && sheet.currentName === name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  getId(): string {
    this.record('getId');
    return this.spreadsheetId;
  }

  getName(): string {
    this.record('getName');
    return this.name;
  }

  getUrl(): string {
    this.record('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.spreadsheetId}/edit`;
  }

  getSpreadsheetTimeZone(): string {
    this.record('getSpreadsheetTimeZone');
    return this.timeZone;
  }

  setSpreadsheetTimeZone(timeZone: string): void {
    this.record('setSpreadsheetTimeZone');
    this.timeZone = timeZone;
  }

  getSpreadsheetLocale(): string {
    this.record('getSpreadsheetLocale');
    return 'vi_VN';
  }

  getSheets(): FakeSheet[] {
    this.record('getSheets');
    return [...this.sheets];
  }

  /**
   * `'Tổng hợp'!A1:C3` (quotes doubled inside a quoted name) or `Trang tính1!A1`; without a sheet,
   * the active sheet. A sheet that does not exist: "Range not found", as Google says.
   */
  getRange(a1Notation: string): FakeRange {
    this.record('getRange');
    const match = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(a1Notation);
    const name = match ? (match[1]?.replace(/''/g, "'") ?? match[2]) : undefined;
    const sheet = match ? this.sheets.find((candidate) => candidate.currentName === name) : this.sheets[0];
    if (!sheet) throw new Error('Range not found');
    return sheet.rangeFromA1(match ? (match[3] as string) : a1Notation);
  }

  getSheetByName(name: string): FakeSheet | null {
    this.record('getSheetByName');
    return this.sheets.find((sheet) => sheet.currentName === name) ?? null;
  }

  getActiveSheet(): FakeSheet {
    this.record('getActiveSheet');
    return this.sheets[0] as FakeSheet;
  }

  insertSheet(name?: string, index?: number): FakeSheet {
    this.record('insertSheet');
    let sheetName = name;
    if (sheetName === undefined) {
      let number = this.sheets.length + 1;
      while (this.sheets.some((sheet) => sheet.currentName === `Trang tính${number}`)) number += 1;
      sheetName = `Trang tính${number}`;
    }
    this.assertNameFree(sheetName);
    const sheet = new FakeSheet(this, sheetName, this.nextSheetId++);
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    this.record('deleteSheet');
    if (!this.sheets.includes(sheet)) throw new Error('Sheet not found');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this.sheets = this.sheets.filter((other) => other !== sheet);
  }

  /** Metadata on the spreadsheet itself (not on its sheets), in the order added. */
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    this.record('getDeveloperMetadata');
    return [...this.developerMetadata];
  }

  addDeveloperMetadata(key: string, value?: string): this {
    this.record('addDeveloperMetadata');
    if (typeof key !== 'string' || key === '') throw new Error('Developer metadata must have a key.');
    const metadata = new FakeDeveloperMetadata(this, this.nextMetadataId++, key, value ?? null);
    this.checkMetadataSize(metadata, value ?? null);
    this.developerMetadata.push(metadata);
    return this;
  }

  /** Google's limit: 30,000 characters of keys and values per spreadsheet. */
  checkMetadataSize(changed: FakeDeveloperMetadata, value: string | null): void {
    const size = [...this.developerMetadata.filter((entry) => entry !== changed), changed].reduce(
      (sum, entry) => sum + entry.key.length + ((entry === changed ? value : entry.storedValue)?.length ?? 0),
      0,
    );
    if (size > MAX_METADATA_CHARACTERS) {
      throw new Error(
        `The total size of developer metadata on a spreadsheet cannot exceed ${MAX_METADATA_CHARACTERS} characters.`,
      );
    }
  }

  removeDeveloperMetadata(metadata: FakeDeveloperMetadata): void {
    this.developerMetadata = this.developerMetadata.filter((entry) => entry !== metadata);
  }

  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this.record('toast');
    this.toasts.push({
      message: String(message),
      ...(title !== undefined ? { title } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    });
  }
}

export type RecordedMenuItem =
  | { readonly label: string; readonly functionName: string }
  | { readonly separator: true }
  | { readonly subMenu: RecordedMenu };

export interface RecordedMenu {
  readonly title: string;
  readonly items: RecordedMenuItem[];
}

export interface RecordedAlert {
  readonly title?: string;
  readonly prompt: string;
  readonly buttons?: string;
}

export class FakeMenu {
  readonly items: RecordedMenuItem[] = [];

  constructor(
    private readonly ui: FakeUi,
    readonly title: string,
  ) {}

  addItem(label: string, functionName: string): this {
    this.ui.calls.record('Menu.addItem');
    if (typeof functionName !== 'string' || !functionName) {
      throw new Error('Menu items need the name of a top-level function.');
    }
    this.items.push({ label, functionName });
    return this;
  }

  addSeparator(): this {
    this.ui.calls.record('Menu.addSeparator');
    this.items.push({ separator: true });
    return this;
  }

  addSubMenu(menu: FakeMenu): this {
    this.ui.calls.record('Menu.addSubMenu');
    this.items.push({ subMenu: { title: menu.title, items: menu.items } });
    return this;
  }

  addToUi(): void {
    this.ui.calls.record('Menu.addToUi');
    this.ui.menus.push({ title: this.title, items: this.items });
  }
}

export class FakeUi {
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO', CLOSE: 'CLOSE' } as const;
  readonly ButtonSet = {
    OK: 'OK',
    OK_CANCEL: 'OK_CANCEL',
    YES_NO: 'YES_NO',
    YES_NO_CANCEL: 'YES_NO_CANCEL',
  } as const;
  readonly menus: RecordedMenu[] = [];
  readonly alerts: RecordedAlert[] = [];
  readonly sidebars: unknown[] = [];
  readonly dialogs: { readonly html: unknown; readonly title: string }[] = [];
  /** What the next prompts answer (button and text), in order; `CANCEL` once it is empty. */
  readonly promptAnswers: { button: string; text: string }[] = [];
  readonly prompts: { readonly title: string; readonly prompt: string; readonly buttons: string }[] = [];
  /** What the next alerts answer, in order; `OK` once it is empty. */
  readonly alertAnswers: string[] = [];

  constructor(readonly calls: CallLog) {}

  createMenu(title: string): FakeMenu {
    this.calls.record('Ui.createMenu');
    return new FakeMenu(this, title);
  }

  alert(titleOrPrompt: string, promptOrButtons?: string, buttons?: string): string {
    this.calls.record('Ui.alert');
    if (buttons !== undefined) {
      this.alerts.push({ title: titleOrPrompt, prompt: String(promptOrButtons), buttons });
    } else if (promptOrButtons !== undefined && promptOrButtons in this.ButtonSet) {
      this.alerts.push({ prompt: titleOrPrompt, buttons: promptOrButtons });
    } else if (promptOrButtons !== undefined) {
      this.alerts.push({ title: titleOrPrompt, prompt: promptOrButtons });
    } else {
      this.alerts.push({ prompt: titleOrPrompt });
    }
    return this.alertAnswers.shift() ?? this.Button.OK;
  }

  /** Ui.prompt(title, prompt, buttons): a PromptResponse with the button pressed and the text typed. */
  prompt(
    title: string,
    prompt: string,
    buttons: string,
  ): { getSelectedButton(): string; getResponseText(): string } {
    this.calls.record('Ui.prompt');
    this.prompts.push({ title, prompt, buttons });
    const answer = this.promptAnswers.shift() ?? { button: this.Button.CANCEL, text: '' };
    return { getSelectedButton: () => answer.button, getResponseText: () => answer.text };
  }

  showSidebar(html: unknown): void {
    this.calls.record('Ui.showSidebar');
    this.sidebars.push(html);
  }

  showModalDialog(html: unknown, title: string): void {
    this.calls.record('Ui.showModalDialog');
    this.dialogs.push({ html, title });
  }
}

export class FakeSpreadsheetApp {
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
  readonly DataValidationCriteria = { VALUE_IN_LIST: 'VALUE_IN_LIST' } as const;
  readonly BooleanCriteria = {
    TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
    TEXT_CONTAINS: 'TEXT_CONTAINS',
    CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  } as const;

  constructor(
    private readonly calls: CallLog,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi | null,
  ) {}

  private record(method: string): void {
    this.calls.record(`SpreadsheetApp.${method}`);
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    this.record('getActiveSpreadsheet');
    return this.spreadsheet;
  }

  getActive(): FakeSpreadsheet {
    this.record('getActive');
    return this.spreadsheet;
  }

  /** Spreadsheets made by `create`, in order (Drive files of the script's user). */
  readonly created: FakeSpreadsheet[] = [];

  /**
   * SpreadsheetApp.create(name): a new spreadsheet in the user's Drive, with one empty sheet
   * (named as the account's locale names it: `Trang tính1` in Vietnamese).
   */
  create(name: string): FakeSpreadsheet {
    this.record('create');
    const made = new FakeSpreadsheet(
      this.calls,
      `${this.spreadsheet.spreadsheetId}-copy${this.created.length + 1}`,
      name,
      ['Trang tính1'],
    );
    this.created.push(made);
    return made;
  }

  openById(id: string): FakeSpreadsheet {
    this.record('openById');
    const made = this.created.find((each) => each.spreadsheetId === id);
    if (made) return made;
    if (id !== this.spreadsheet.spreadsheetId) {
      throw new Error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this.spreadsheet;
  }

  getUi(): FakeUi {
    this.record('getUi');
    if (!this.ui) throw new Error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }

  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    this.record('newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this.calls);
  }

  newDataValidation(): FakeDataValidationBuilder {
    this.record('newDataValidation');
    return new FakeDataValidationBuilder(this.calls);
  }

  flush(): void {
    this.record('flush');
  }
}

export interface FakeSpreadsheetOptions {
  readonly id?: string;
  readonly name?: string;
  /** The sheets the spreadsheet starts with; Google names the first one `Trang tính1` in Vietnamese. */
  readonly sheetNames?: readonly string[];
  /** False in a time-driven trigger, where `getUi()` throws. */
  readonly uiAvailable?: boolean;
}

export interface FakeSpreadsheetWorld {
  readonly app: FakeSpreadsheetApp;
  readonly spreadsheet: FakeSpreadsheet;
  readonly ui: FakeUi;
  readonly calls: CallLog;
}

export function createFakeSpreadsheetApp(options: FakeSpreadsheetOptions = {}): FakeSpreadsheetWorld {
  const calls = new CallLog();
  const id = options.id ?? '1hannopFakeSpreadsheetId';
  const spreadsheet = new FakeSpreadsheet(
    calls,
    id,
    options.name ?? 'hannop',
    options.sheetNames ?? ['Trang tính1'],
  );
  const ui = new FakeUi(calls);
  const app = new FakeSpreadsheetApp(calls, spreadsheet, options.uiAvailable === false ? null : ui);
  return { app, spreadsheet, ui, calls };
}

/** The fake seen through Apps Script's types, for code that takes a real Spreadsheet. */
export function asSpreadsheet(fake: FakeSpreadsheet): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return fake as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
}

export function asSpreadsheetApp(fake: FakeSpreadsheetApp): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return fake as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
