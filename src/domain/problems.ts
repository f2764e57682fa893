// Problems in what people typed are data: every one names where it is, and all of them are
// reported at once. An InputError carries them to the shell, which shows them and exits 1.

export interface InputProblem {
  /** Sheet or file where the problem is. */
  readonly where: string;
  /** 1-based row as people see it in the sheet or file (the header is row 1). */
  readonly row?: number;
  readonly column?: string;
  readonly message: string;
}

export function describeProblem(problem: InputProblem): string {
  const place = [
    `«${problem.where}»`,
    problem.row !== undefined ? `dòng ${problem.row}` : null,
    problem.column !== undefined ? `cột «${problem.column}»` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${place}: ${problem.message}`;
}

/** Something a person gave us is wrong; the message lists every problem and where it is. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly problems: readonly InputProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

export function valueOrThrow<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new InputError(checked.problems);
  return checked.value;
}
