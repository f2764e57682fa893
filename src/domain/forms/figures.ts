// The `Số liệu` sheet: the figures of each accepted response, one column per figure question.
import type { FigureTotal, FormSpec } from './spec';

export interface FigureColumn {
  readonly key: string;
  readonly questionTitle: string;
  /** Column title in `Số liệu`. */
  readonly column: string;
  readonly total: FigureTotal;
}

/** The figure columns of a form, in the order of its questions. */
export function figureColumns(spec: FormSpec): FigureColumn[] {
  const columns: FigureColumn[] = [];
  for (const question of spec.questions) {
    if (question.figure) {
      columns.push({
        key: question.key,
        questionTitle: question.title,
        column: question.figure.column,
        total: question.figure.total,
      });
    }
  }
  return columns;
}

/** The figures of accepted answers by column title: numbers as numbers, `Có` / `Không` as text. */
export function figureValues(
  spec: FormSpec,
  answers: Readonly<Record<string, unknown>>,
): Record<string, number | string | null> {
  const values: Record<string, number | string | null> = {};
  for (const column of figureColumns(spec)) {
    const value = answers[column.key];
    values[column.column] = typeof value === 'number' || typeof value === 'string' ? value : null;
  }
  return values;
}
