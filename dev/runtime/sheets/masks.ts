/**
 * Field masks: "spreadsheetId,sheets(properties(sheetId,title),data.rowData)". `get` answers only
 * the fields its mask names; update requests change only the fields theirs names.
 */
import { invalid } from './errors';

type Mask = Map<string, Mask | true>;

export function parseMask(text: string): Mask {
  let i = 0;
  const fail = (): never => {
    throw invalid(`Invalid field selection ${text}`);
  };
  const merge = (into: Mask, key: string, node: Mask | true): void => {
    const existing = into.get(key);
    if (existing === true || node === true || existing === undefined)
      into.set(key, existing === undefined ? node : true);
    else for (const [k, v] of node) merge(existing, k, v);
  };
  const list = (): Mask => {
    const mask: Mask = new Map();
    for (;;) {
      const path: string[] = [];
      for (;;) {
        const name = /^[A-Za-z0-9_*]+/.exec(text.slice(i))?.[0];
        if (!name) fail();
        path.push(name as string);
        i += (name as string).length;
        if (text[i] !== '.') break;
        i++;
      }
      let node: Mask | true = true;
      if (text[i] === '(') {
        i++;
        node = list();
        if (text[i] !== ')') fail();
        i++;
      }
      for (let k = path.length - 1; k > 0; k--) node = new Map([[path[k] as string, node]]);
      merge(mask, path[0] as string, node);
      if (text[i] !== ',') return mask;
      i++;
    }
  };
  const mask = list();
  if (i !== text.length) fail();
  return mask;
}

export function maskReaches(mask: Mask, path: readonly string[]): boolean {
  let node: Mask | true = mask;
  for (const key of path) {
    if (node === true || node.has('*')) return true;
    const next: Mask | true | undefined = node.get(key);
    if (next === undefined) return false;
    node = next;
  }
  return true;
}

export function applyMask(value: unknown, mask: Mask | true): unknown {
  if (mask === true || mask.has('*')) return value;
  if (Array.isArray(value)) return value.map((item) => applyMask(item, mask));
  if (typeof value !== 'object' || value === null) return value;
  const picked: Record<string, unknown> = {};
  for (const [key, node] of mask) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) picked[key] = applyMask(field, node);
  }
  return picked;
}

/** The dotted paths a mask names ("gridProperties(frozenRowCount)" → gridProperties.frozenRowCount). */
function maskPaths(mask: Mask, prefix = ''): string[] {
  return [...mask].flatMap(([key, node]) =>
    node === true ? [`${prefix}${key}`] : maskPaths(node, `${prefix}${key}.`),
  );
}

/** The `fields` of an update request, which must name at least one. */
export function requiredMask(fields: unknown, where: string): string[] {
  if (typeof fields !== 'string' || fields.trim() === '')
    throw invalid(`${where}At least one field must be specified.`);
  return maskPaths(parseMask(fields.replace(/\s+/g, '')));
}
