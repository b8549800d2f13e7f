/**
 * Deterministic JSON text: key order is the objects' insertion order (callers build them in a fixed
 * order), numbers are JavaScript's shortest round-trip form, two-space indentation, and an object or
 * array whose members are all primitives (a STAT, a ci95 pair) stays on one line so a summary reads
 * as one metric per line. Non-finite numbers are written as null. Ends with a newline.
 */
export function formatJson(value: unknown): string {
  return `${write(value, '')}\n`;
}

function isLeaf(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  return Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
}

function write(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v !== 'object') return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => write(x, inner)).join(', ')}]`;
    return `[\n${v.map((x) => inner + write(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  if (entries.every(([, x]) => isLeaf(x))) return `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${write(x, inner)}`).join(', ')} }`;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner)}`).join(',\n')}\n${indent}}`;
}
