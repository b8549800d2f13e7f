/**
 * Deep merge of scenario layers (defaults, then each file of an `extends` chain, base first), with a
 * record of which layer set each value, so a problem can name the file to fix.
 *
 * Semantics, the ones a scenario author expects from "a file names only what it changes":
 * - mappings merge key by key, recursively;
 * - lists and scalars replace (a list is one value: `macroShockLogit: [0.1]` is the whole path);
 * - `null` is a value, not a deletion (`comprehensiveCap: null` means "no cap");
 * - a tagged mapping whose `kind` changes replaces the inherited one instead of merging into it
 *   (`policy: { kind: exit }` over `{ kind: topK, k: 3 }` is `{ kind: exit }`, not a topK-less `k`);
 * - `undefined` (only possible from code, never from YAML or JSON) means "not set" and is skipped.
 */

/** A path into a scenario tree: mapping keys and list indices. */
export type TreePath = readonly PropertyKey[];

/** One layer of a merge: its value and the label problems use for it (a file, or "defaults"). */
export interface Layer {
  source: string;
  value: unknown;
}

/** The label of the defaults layer: a value no file set. */
export const DEFAULTS_SOURCE = 'defaults';

/** A plain mapping (what YAML and JSON objects parse to), not a list, not null. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Set an own enumerable property, even one named `__proto__` (which plain assignment would not). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const SEP = '\u001f';
/** A path as a map key: each step prefixed by SEP, so the root is '' and `a` never matches `ab`. */
const keyOf = (path: TreePath): string => path.map((k) => SEP + String(k)).join('');

/**
 * Which layer last set each leaf of a merged tree. A leaf is a scalar, null or a list; mappings are
 * not recorded, their leaves are (so an empty mapping records nothing: it changes nothing).
 */
export class Provenance {
  readonly #byPath = new Map<string, string>();

  /** Record `source` for every leaf of `value`, placed at `path`, after forgetting what was there. */
  setTree(path: TreePath, value: unknown, source: string): void {
    this.clearUnder(path);
    this.#record(path, value, source);
  }

  #record(path: TreePath, value: unknown, source: string): void {
    if (isMapping(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) this.#record([...path, k], v, source);
    } else {
      this.#byPath.set(keyOf(path), source);
    }
  }

  /** Forget every leaf at or under `path`. O(leaves). */
  clearUnder(path: TreePath): void {
    const key = keyOf(path);
    for (const k of this.#byPath.keys()) if (k === key || k.startsWith(key + SEP)) this.#byPath.delete(k);
  }

  /**
   * The layers that set the value at `path`: the sources of every leaf at or under it, or, when
   * nothing is there (a missing field), of the nearest ancestor that holds leaves. Real files come
   * before "defaults", which is dropped when a file is involved. Never empty.
   */
  sourcesOf(path: TreePath): string[] {
    for (let n = path.length; n >= 0; n--) {
      const key = keyOf(path.slice(0, n));
      const found = new Set<string>();
      for (const [k, source] of this.#byPath) {
        if (k === key || k.startsWith(key + SEP)) found.add(source);
      }
      if (found.size > 0) {
        const files = [...found].filter((s) => s !== DEFAULTS_SOURCE);
        return files.length > 0 ? files : [DEFAULTS_SOURCE];
      }
    }
    return [DEFAULTS_SOURCE];
  }
}

/** Merge `over` onto `base` at `path`, recording in `provenance` what `source` set. Pure in its inputs. */
function mergeAt(base: unknown, over: unknown, source: string, path: TreePath, provenance: Provenance): unknown {
  if (over === undefined) return base;
  const sameKind = !(isMapping(base) && isMapping(over) && 'kind' in base && 'kind' in over && base.kind !== over.kind);
  if (isMapping(base) && isMapping(over) && sameKind) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) setOwn(out, k, v);
    for (const [k, v] of Object.entries(over)) {
      if (v !== undefined) setOwn(out, k, mergeAt(base[k], v, source, [...path, k], provenance));
    }
    return out;
  }
  provenance.setTree(path, over, source);
  return cloneTree(over);
}

/** A deep copy of mappings and lists (scalars are shared), so a merge never aliases its inputs. */
function cloneTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneTree);
  if (isMapping(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, cloneTree(v));
    return out;
  }
  return value;
}

/**
 * Merge `layers` in order (a later layer wins) and record which layer set each leaf.
 * O(total size of the layers x leaves replaced). Neither input is mutated.
 * @example mergeLayers([{ source: 'defaults', value: { a: 1, b: { c: 2 } } }, { source: 'x.yaml', value: { b: { d: 3 } } }])
 *   // value { a: 1, b: { c: 2, d: 3 } }; provenance.sourcesOf(['b', 'd']) = ['x.yaml']
 */
export function mergeLayers(layers: readonly Layer[]): { value: unknown; provenance: Provenance } {
  const provenance = new Provenance();
  let value: unknown = undefined;
  for (const layer of layers) value = mergeAt(value, layer.value, layer.source, [], provenance);
  return { value, provenance };
}

/** Deep merge of two trees with the semantics above; `over` wins. */
export function deepMerge(base: unknown, over: unknown): unknown {
  return mergeAt(cloneTree(base), over, '', [], new Provenance());
}
