/**
 * The loader's part of regimes and the timeline (CONTRACT "Scenario files"), done on the merged tree
 * before it is validated, so that every layer (the defaults, each file of the extends chain, a sweep
 * point) is merged first and a regime inherits its parent's final values:
 *
 * - `extends` of a further regime: the regime is its parent (resolved first; chains allowed) with its
 *   own fields merged on top (deep merge, merge.ts). `before` and `after` take their defaults and may
 *   not extend. A cycle, an unknown parent, or a further regime without `extends` that lacks fields is
 *   a problem naming the path. The resolved regimes carry no `extends`.
 * - `ruleStartMonth` with a `timeline`: the month of the timeline's first change. Where the timeline
 *   was set by a later layer than ruleStartMonth (a file that extends china-2025.yaml and writes a
 *   timeline, or a sweep point that varies it), ruleStartMonth is taken from the timeline; where the
 *   same layer or a later one set ruleStartMonth too, the two must agree (the schema says so).
 */
import { DEFAULTS_SOURCE, deepMerge, isMapping, type Provenance, type TreePath } from './merge.js';
import { describeValue, didYouMean, problemLine, type Position } from './problems.js';
import { regimeSchema } from './schema.js';

/** The regimes every scenario has, with defaults: they may not `extends`. */
const BASE_REGIMES = new Set(['before', 'after']);

export interface RegimeContext {
  provenance: Provenance;
  /** Where `path` is written in `file`, when known. */
  locate: (file: string, path: TreePath) => Position | undefined;
}

/**
 * Resolve the `extends` of every regime of the merged tree `value` in place.
 * @returns the problems (lines naming the file and path), and the regimes they concern (whose field
 *   problems would only repeat them).
 */
export function resolveRegimeExtends(value: unknown, ctx: RegimeContext): { problems: string[]; broken: Set<string>; lineage: Lineage } {
  const problems = new Set<string>();
  const broken = new Set<string>();
  const lineage: Lineage = { parent: {}, own: {} };
  const regimes = isMapping(value) ? value.regimes : undefined;
  if (!isMapping(regimes)) return { problems: [], broken, lineage };
  for (const [id, r] of Object.entries(regimes)) {
    if (!isMapping(r) || typeof r.extends !== 'string') continue;
    lineage.parent[id] = r.extends;
    lineage.own[id] = Object.keys(r).filter((k) => k !== 'extends');
  }
  const names = Object.keys(regimes);
  const others = (id: string) => names.filter((n) => n !== id);
  const report = (path: TreePath, message: string) => {
    const files = ctx.provenance.sourcesOf(path);
    const position = files.length === 1 && files[0] !== DEFAULTS_SOURCE ? ctx.locate(files[0]!, path) : undefined;
    problems.add(problemLine(files, position, path, message));
  };
  const fields = Object.keys(regimeSchema.shape);
  const resolved = new Map<string, Record<string, unknown>>();

  /** Regime `id` with its chain resolved, or undefined (reported where the chain breaks). */
  const resolve = (id: string, chain: readonly string[]): Record<string, unknown> | undefined => {
    const own = regimes[id];
    if (!isMapping(own)) return undefined; // the schema words it
    const done = resolved.get(id);
    if (done) return done;
    let out: Record<string, unknown> | undefined = own;
    if (own.extends === undefined) {
      const missing = BASE_REGIMES.has(id) ? [] : fields.filter((f) => !Object.hasOwn(own, f));
      if (missing.length > 0) {
        const guess = didYouMean(id, [...BASE_REGIMES]);
        report(['regimes', id], `a further regime names every regime field or \`extends\` another regime (e.g. \`extends: after\`) and names what it changes; missing ${missing.join(', ')}${guess ? `; did you mean \`${guess}\`?` : ''}`);
        out = undefined;
      }
    } else {
      const at: TreePath = ['regimes', id, 'extends'];
      const parent = own.extends;
      if (BASE_REGIMES.has(id)) {
        report(at, `${id} takes its values from the defaults and the files; only a further regime may extend another (e.g. \`regimes: { guidance20: { extends: after, comprehensiveCap: 0.2 } }\`)`);
        out = undefined;
      } else if (typeof parent !== 'string' || !Object.hasOwn(regimes, parent)) {
        const guess = typeof parent === 'string' ? didYouMean(parent, others(id)) : undefined;
        report(at, `expected the name of another regime (${others(id).join(', ')}), received ${describeValue(parent)}${guess ? `; did you mean \`${guess}\`?` : ''}`);
        out = undefined;
      } else if (chain.includes(parent)) {
        report(at, `the regimes extend each other in a cycle: ${[...chain.slice(chain.indexOf(parent)), parent].join(' -> ')}; one of them must name its fields instead`);
        out = undefined;
      } else {
        const base = resolve(parent, [...chain, parent]);
        const { extends: _parent, ...rest } = own;
        out = base && (deepMerge(base, rest) as Record<string, unknown>);
      }
    }
    if (out) resolved.set(id, out);
    return out;
  };

  for (const id of names) {
    if (!isMapping(regimes[id])) continue;
    const r = resolve(id, [id]);
    if (r) regimes[id] = r;
    else broken.add(id);
  }
  return { problems: [...problems], broken, lineage };
}

/** Which regime each regime that `extends` another extends, and the fields it names itself. */
export interface Lineage {
  parent: Record<string, string>;
  own: Record<string, readonly string[]>;
}

/** The lineage of each scenario the loader resolved (the object it returned), for quick sweep points. */
const lineages = new WeakMap<object, Lineage>();

export function recordLineage(scenario: object, lineage: Lineage): void {
  lineages.set(scenario, lineage);
}

/**
 * The regimes that take `field` from `regime` through their extends chains (naming it nowhere on the
 * way), in a scenario the loader resolved: what a change of `regimes.<regime>.<field>` reaches.
 * undefined when the scenario's lineage is unknown (built in code, or a copy).
 * @example heirs(guidance2026, 'after', 'outerCap') // ['channelCut', 'guidance20']
 */
export function heirs(scenario: object, regime: string, field: string): string[] | undefined {
  const l = lineages.get(scenario);
  if (!l) return undefined;
  return Object.keys(l.parent).filter((id) => {
    for (let cur: string | undefined = id; cur !== undefined && cur !== regime; cur = l.parent[cur]) {
      if (l.own[cur]?.includes(field)) return false;
      if (l.parent[cur] === regime) return true;
    }
    return false;
  });
}

/**
 * Take `ruleStartMonth` from the timeline's first change where the timeline was set by a later layer
 * than ruleStartMonth (`layers`: the sources of the merge in order, defaults first). In place; the
 * provenance then names the timeline's file for ruleStartMonth.
 */
export function ruleStartFromTimeline(value: unknown, provenance: Provenance, layers: readonly string[]): void {
  if (!isMapping(value) || !Array.isArray(value.timeline)) return;
  const rule: unknown = value.timeline[1];
  if (!isMapping(rule) || typeof rule.month !== 'number') return;
  const rank = (path: TreePath) => Math.max(...provenance.sourcesOf(path).map((s) => layers.lastIndexOf(s)));
  if (rank(['ruleStartMonth']) < rank(['timeline'])) {
    value.ruleStartMonth = rule.month;
    provenance.setTree(['ruleStartMonth'], rule.month, provenance.sourcesOf(['timeline'])[0]!);
  }
}
