import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepMerge, isMapping, mergeLayers } from '../../sim/scenario/merge.js';

/** Scenario-like trees: mappings of mappings, lists and scalars (null included). */
const leaf = fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
const key = fc.constantFrom('a', 'b', 'c', 'count', 'share', 'kind2');
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(leaf, { maxLength: 3 }), tie('map')),
  map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
})).map as fc.Arbitrary<Record<string, unknown>>;

describe('deepMerge', () => {
  it('merges mappings key by key, replaces lists and scalars, keeps null as a value', () => {
    const base = { a: { x: 1, y: [1, 2, 3] }, b: 0.24, c: { deep: { keep: true, change: 1 } } };
    const over = { a: { y: [9] }, b: null, c: { deep: { change: 2 } } };
    expect(deepMerge(base, over)).toEqual({ a: { x: 1, y: [9] }, b: null, c: { deep: { keep: true, change: 2 } } });
  });

  it('replaces a tagged mapping whose kind changes instead of merging into it', () => {
    expect(deepMerge({ policy: { kind: 'topK', k: 3 } }, { policy: { kind: 'exit' } })).toEqual({ policy: { kind: 'exit' } });
    expect(deepMerge({ policy: { kind: 'topK', k: 3 } }, { policy: { k: 5 } })).toEqual({ policy: { kind: 'topK', k: 5 } });
  });

  it('does not mutate or alias its inputs', () => {
    const base = { a: { b: [1] } };
    const over = { a: { c: { d: 1 } } };
    const out = deepMerge(base, over) as { a: { b: number[]; c: { d: number } } };
    out.a.b.push(2);
    out.a.c.d = 7;
    expect(base).toEqual({ a: { b: [1] } });
    expect(over).toEqual({ a: { c: { d: 1 } } });
  });

  it('keeps a key named __proto__ as data, never as a prototype', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    const out = deepMerge({}, over) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('property: every leaf of the override is in the result, at its path', () => {
    fc.assert(
      fc.property(tree, tree, (base, over) => {
        const out = deepMerge(base, over);
        const check = (o: unknown, r: unknown): void => {
          if (!isMapping(o)) return void expect(r).toEqual(o);
          expect(isMapping(r)).toBe(true);
          for (const [k, v] of Object.entries(o)) check(v, (r as Record<string, unknown>)[k]);
        };
        check(over, out);
      }),
    );
  });

  it('property: keys only in the base survive unchanged; merging {} changes nothing', () => {
    fc.assert(
      fc.property(tree, tree, (base, over) => {
        const out = deepMerge(base, over) as Record<string, unknown>;
        for (const k of Object.keys(base)) if (!(k in over)) expect(out[k]).toEqual(base[k]);
        expect(deepMerge(base, {})).toEqual(base);
      }),
    );
  });

  it('property: mergeLayers folds deepMerge left to right, and names the last layer for its own leaves', () => {
    fc.assert(
      fc.property(tree, tree, tree, (a, b, c) => {
        const { value, provenance } = mergeLayers([
          { source: 'a', value: a },
          { source: 'b', value: b },
          { source: 'c', value: c },
        ]);
        expect(value).toEqual(deepMerge(deepMerge(a, b), c));
        for (const [k, v] of Object.entries(c)) {
          if (!isMapping(v)) expect(provenance.sourcesOf([k])).toEqual(['c']);
        }
      }),
    );
  });
});

describe('mergeLayers provenance', () => {
  const { value, provenance } = mergeLayers([
    { source: 'defaults', value: { a: 1, b: { c: 2, d: 3 }, list: [1, 2] } },
    { source: 'base.yaml', value: { b: { c: 20 }, list: [5] } },
    { source: 'top.yaml', value: { b: { d: 30 } } },
  ]);

  it('merges the layers in order', () => {
    expect(value).toEqual({ a: 1, b: { c: 20, d: 30 }, list: [5] });
  });

  it('names the layer that set each leaf', () => {
    expect(provenance.sourcesOf(['a'])).toEqual(['defaults']);
    expect(provenance.sourcesOf(['b', 'c'])).toEqual(['base.yaml']);
    expect(provenance.sourcesOf(['b', 'd'])).toEqual(['top.yaml']);
    expect(provenance.sourcesOf(['list', 0])).toEqual(['base.yaml']);
  });

  it('names every file behind a mapping, and the nearest ancestor for a missing field', () => {
    expect(provenance.sourcesOf(['b']).sort()).toEqual(['base.yaml', 'top.yaml']);
    expect(provenance.sourcesOf(['b', 'missing'])).toEqual(expect.arrayContaining(['base.yaml', 'top.yaml']));
    // nothing at `nowhere`: its nearest ancestor is the whole tree, which two files changed
    expect(provenance.sourcesOf(['nowhere']).sort()).toEqual(['base.yaml', 'top.yaml']);
  });
});
