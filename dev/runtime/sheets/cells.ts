/**
 * Single cells: reading and changing what is stored, turning what is typed or sent into an
 * ExtendedValue, and what a cell shows (number display, constant formulas evaluated).
 */
import { invalid, SHEETS_ERRORS } from './errors';
import { SHEETS_LIMITS, type ExtendedValue, type StoredCell, type StoredSheet } from './model';

/** How values.update and friends take text: as is (RAW) or as if typed into the UI (USER_ENTERED). */
export type ValueInput = 'RAW' | 'USER_ENTERED';
/** What values.get answers with: the text shown, the value behind it, or the formula. */
export type ValueRender = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';

/** What a formula the local runtime cannot evaluate shows (it evaluates constant arithmetic and text only). */
export const UNEVALUATED_FORMULA: Readonly<ExtendedValue> = {
  errorValue: {
    type: 'ERROR',
    message: 'The local runtime evaluates only constant arithmetic and text formulas.',
  },
};

// ---------------------------------------------------------------------------------------------
// Stored cells

export function cellAt(sheet: StoredSheet, r: number, c: number): StoredCell | undefined {
  return sheet.cells[r]?.[c] ?? undefined;
}

export function updateCell(
  sheet: StoredSheet,
  r: number,
  c: number,
  change: (cell: StoredCell) => void,
): void {
  let row = sheet.cells[r];
  if (!row) {
    row = [];
    sheet.cells[r] = row;
  }
  const cell: StoredCell = { ...(row[c] ?? {}) };
  change(cell);
  row[c] = cell.value === undefined && cell.note === undefined ? null : cell;
}

export function setValue(sheet: StoredSheet, r: number, c: number, value: ExtendedValue | null): void {
  if (!value && !cellAt(sheet, r, c)) return;
  updateCell(sheet, r, c, (cell) => {
    if (value) cell.value = value;
    else delete cell.value;
  });
}

export function rowHasValue(sheet: StoredSheet, r: number, c0: number, c1: number): boolean {
  const row = sheet.cells[r];
  if (!row) return false;
  for (let c = c0; c < Math.min(c1, row.length); c++) if (row[c]?.value) return true;
  return false;
}

/** At most 50,000 characters of text or formula in one cell. */
export function fitsInCell(value: ExtendedValue): boolean {
  return (value.stringValue ?? value.formulaValue ?? '').length <= SHEETS_LIMITS.charactersPerCell;
}

// ---------------------------------------------------------------------------------------------
// Values as entered

/** Exactly one field of an ExtendedValue, as the API stores it; none (or empty text) clears the cell. */
export function extendedValue(value: ExtendedValue | undefined, where: string): ExtendedValue | null {
  if (!value) return null;
  let kept: ExtendedValue | null = null;
  // An empty text leaves the cell blank, as "" does in a ValueRange.
  if (typeof value.stringValue === 'string')
    kept = value.stringValue === '' ? null : { stringValue: value.stringValue };
  else if (typeof value.numberValue === 'number') kept = { numberValue: value.numberValue };
  else if (typeof value.boolValue === 'boolean') kept = { boolValue: value.boolValue };
  else if (typeof value.formulaValue === 'string') kept = { formulaValue: value.formulaValue };
  else if (value.errorValue) throw invalid(`${where}Error values cannot be entered.`);
  if (kept && !fitsInCell(kept)) throw invalid(`${where}${SHEETS_ERRORS.cellTooLong}`);
  return kept;
}

/**
 * USER_ENTERED: "as if the user typed them into the UI". Implemented: a leading apostrophe forces
 * text, "=…" is a formula, plain decimal numbers (also "007", "1e3", " 12 ") become numbers,
 * TRUE/FALSE booleans. Not implemented: dates, currencies, percentages, thousands separators
 * (they stay text here, where Google would make them numbers with a format).
 */
export function parseUserEntered(text: string): ExtendedValue {
  if (text.startsWith("'")) return { stringValue: text.slice(1) };
  if (text.startsWith('=')) return { formulaValue: text };
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return { numberValue: Number(trimmed) };
  if (/^(true|false)$/i.test(trimmed)) return { boolValue: trimmed.toLowerCase() === 'true' };
  return { stringValue: text };
}

/** One value of a ValueRange: undefined leaves the cell alone (null input), null clears it (""). */
export function inputValue(
  raw: unknown,
  input: ValueInput,
  where: string,
  at: string,
): ExtendedValue | null | undefined {
  if (raw === null || raw === undefined) return undefined;
  let value: ExtendedValue;
  if (typeof raw === 'string') {
    if (raw === '') return null;
    value = input === 'RAW' ? { stringValue: raw } : parseUserEntered(raw);
  } else if (typeof raw === 'number') value = { numberValue: raw };
  else if (typeof raw === 'boolean') value = { boolValue: raw };
  else throw invalid(`${where}Invalid values${at}: ${Array.isArray(raw) ? 'list_value' : 'struct_value'}`);
  if (!fitsInCell(value)) throw invalid(`${where}${SHEETS_ERRORS.cellTooLong}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Values as shown

/**
 * The value a cell shows. Formulas: constant arithmetic (+ - * / ^, parentheses), text in quotes,
 * & and TRUE/FALSE are evaluated; anything else (references, functions) gives UNEVALUATED_FORMULA.
 */
export function effectiveOf(value: ExtendedValue | undefined): ExtendedValue | undefined {
  if (!value) return undefined;
  if (value.formulaValue === undefined) return { ...value };
  return evaluateFormula(value.formulaValue);
}

const ERROR_TEXTS: Readonly<Record<string, string>> = {
  DIVIDE_BY_ZERO: '#DIV/0!',
  VALUE: '#VALUE!',
  NAME: '#NAME?',
  N_A: '#N/A',
  ERROR: '#ERROR!',
};

/** Approximates the "Automatic" number format: integers plainly, up to 10 decimals, else 1.5E+21. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return String(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) return n.toExponential().replace('e', 'E');
  return String(Number(n.toFixed(10)));
}

export function formattedOf(value: ExtendedValue | undefined): string {
  const shown = effectiveOf(value);
  if (!shown) return '';
  if (shown.errorValue) return ERROR_TEXTS[shown.errorValue.type ?? 'ERROR'] ?? '#ERROR!';
  if (typeof shown.numberValue === 'number') return formatNumber(shown.numberValue);
  if (typeof shown.boolValue === 'boolean') return shown.boolValue ? 'TRUE' : 'FALSE';
  return shown.stringValue ?? '';
}

export function rendered(
  value: ExtendedValue | undefined,
  render: ValueRender,
): string | number | boolean | undefined {
  if (!value) return undefined;
  if (render === 'FORMULA' && value.formulaValue !== undefined) return value.formulaValue;
  if (render === 'FORMATTED_VALUE') return formattedOf(value);
  const shown = effectiveOf(value);
  if (!shown) return undefined;
  if (shown.errorValue) return formattedOf(value);
  return shown.numberValue ?? shown.boolValue ?? shown.stringValue ?? '';
}

// ---------------------------------------------------------------------------------------------
// Formulas: constant expressions only (see effectiveOf)

class FormulaError extends Error {
  constructor(readonly type: string) {
    super(type);
  }
}

type Scalar = number | string | boolean;

export function evaluateFormula(formula: string): ExtendedValue {
  const text = formula.slice(1);
  let i = 0;
  const unsupported = (): never => {
    throw new FormulaError('UNSUPPORTED');
  };
  const skip = (): void => {
    while (text[i] === ' ') i++;
  };
  const toNumber = (v: Scalar): number => {
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    throw new FormulaError('VALUE');
  };
  const toText = (v: Scalar): string =>
    typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : formatNumber(v);
  const primary = (): Scalar => {
    skip();
    const rest = text.slice(i);
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    if (text[i] === '"') {
      let s = '';
      for (i++; i < text.length; i++) {
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        s += text[i];
      }
      if (text[i] !== '"') unsupported();
      i++;
      return s;
    }
    const word = /^(TRUE|FALSE)\b(?!\s*\()/i.exec(rest);
    if (word) {
      i += word[0].length;
      return word[0].toUpperCase() === 'TRUE';
    }
    if (text[i] === '(') {
      i++;
      const inner = concat();
      skip();
      if (text[i] !== ')') unsupported();
      i++;
      return inner;
    }
    return unsupported();
  };
  const unary = (): Scalar => {
    skip();
    if (text[i] === '-' || text[i] === '+') {
      const sign = text[i++] === '-' ? -1 : 1;
      return sign * toNumber(unary());
    }
    return primary();
  };
  const binary =
    (next: () => Scalar, ops: string, apply: (op: string, a: Scalar, b: Scalar) => Scalar) => (): Scalar => {
      let left = next();
      for (;;) {
        skip();
        const op = text[i];
        if (op === undefined || !ops.includes(op)) return left;
        i++;
        left = apply(op, left, next());
      }
    };
  const power = binary(unary, '^', (_, a, b) => toNumber(a) ** toNumber(b));
  const term = binary(power, '*/', (op, a, b) => {
    if (op === '*') return toNumber(a) * toNumber(b);
    if (toNumber(b) === 0) throw new FormulaError('DIVIDE_BY_ZERO');
    return toNumber(a) / toNumber(b);
  });
  const sum = binary(term, '+-', (op, a, b) =>
    op === '+' ? toNumber(a) + toNumber(b) : toNumber(a) - toNumber(b),
  );
  const concat = binary(sum, '&', (_, a, b) => toText(a) + toText(b));
  try {
    const value = concat();
    skip();
    if (i !== text.length) unsupported();
    if (typeof value === 'number') return { numberValue: value };
    if (typeof value === 'boolean') return { boolValue: value };
    return { stringValue: value };
  } catch (error) {
    if (!(error instanceof FormulaError) || error.type === 'UNSUPPORTED')
      return structuredClone(UNEVALUATED_FORMULA);
    const message =
      error.type === 'DIVIDE_BY_ZERO' ? 'Function DIVIDE parameter 2 cannot be zero.' : 'Wrong type.';
    return { errorValue: { type: error.type, message } };
  }
}
