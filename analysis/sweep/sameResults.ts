/**
 * Points of a sweep that change nothing: the analyst swept a field, but some points give results
 * identical to each other (every arm, window, metric and bank, run by run equal so their statistics
 * are equal bytes), or the swept value lies where something else binds first. Today's case: sweeping
 * `regimes.after.comprehensiveCap` above 0.24 while the after regime's `nominalCap` and `outerCap` stay
 * at 0.24: the lower caps bind first and the comprehensive cap changes nothing. Pure: from the points'
 * values and summaries and, where known, their scenarios' regimes.
 */

/** What this module reads of a sweep point. */
export interface PointResult {
  values: Record<string, unknown>;
  summary: { arms?: unknown; effect?: unknown; banks?: unknown };
}

/** A point's regimes (scenario.regimes), or null when the point's scenario is not at hand. */
export type PointRegimes = Record<string, Record<string, unknown>> | null;

const CAPS = ['comprehensiveCap', 'nominalCap', 'outerCap'] as const;

/**
 * The caps of the same regime below a swept cap's value at a point: each binds before the swept one,
 * so above them the swept cap changes nothing. `["regimes.after.outerCap = 0.24", ...]`.
 */
export function lowerCaps(field: string, value: unknown, regimes: PointRegimes): string[] {
  const m = /^regimes\.([^.]+)\.(comprehensiveCap|nominalCap|outerCap)$/.exec(field);
  const regime = m && regimes ? regimes[m[1]!] : undefined;
  if (!m || !regime || typeof value !== 'number') return [];
  return CAPS.filter((c) => c !== m[2] && typeof regime[c] === 'number' && (regime[c] as number) < value).map((c) => `regimes.${m[1]}.${c} = ${String(regime[c])}`);
}

/** Groups (two points or more, in point order) whose results are identical. */
export function identicalGroups(points: readonly PointResult[]): number[][] {
  const byResult = new Map<string, number[]>();
  points.forEach((p, i) => {
    const key = JSON.stringify([p.summary.arms, p.summary.effect, p.summary.banks ?? null]);
    byResult.set(key, [...(byResult.get(key) ?? []), i]);
  });
  return [...byResult.values()].filter((g) => g.length > 1);
}

const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The lower caps that bind first at the given points, over every swept field, without repeats. */
function bindingAt(fields: readonly string[], points: readonly PointResult[], regimes: readonly PointRegimes[], members: readonly number[]): string[] {
  const found = new Set<string>();
  for (const i of members) for (const f of fields) for (const c of lowerCaps(f, points[i]!.values[f], regimes[i] ?? null)) found.add(c);
  return [...found];
}

/**
 * Warnings for the analyst, one sentence each (empty when every point differs and no swept cap lies
 * above a lower cap of its regime): which points give identical results, over which swept values,
 * and what binds first there when the model's caps say.
 */
export function sameResultsNotes(fields: readonly string[], points: readonly PointResult[], regimes: readonly PointRegimes[]): string[] {
  const notes: string[] = [];
  const covered = new Set<number>();
  for (const group of identicalGroups(points)) {
    group.forEach((i) => covered.add(i));
    const differing = fields.filter((f) => new Set(group.map((i) => JSON.stringify(points[i]!.values[f]))).size > 1);
    const where = differing.map((f) => `${f} = ${list(group.map((i) => shown(points[i]!.values[f])))}`).join('; ');
    const which = group.length === points.length ? `all ${points.length} points give identical results` : `points ${list(group.map(String))} give identical results`;
    const binding = bindingAt(differing, points, regimes, group);
    const why = binding.length > 0
      ? `what binds first there: ${list(binding)}, below the swept value (raise ${binding.length > 1 ? 'them' : 'it'} with \`set:\` to let the swept field bind)`
      : 'at these values the swept field does not reach the results (something else binds first, or nothing reads it)';
    notes.push(`${which}${where ? ` (${where})` : ''}: the sweep changes nothing there; ${why}.`);
  }
  // Points whose swept cap lies above a lower cap but whose results still differ (a metric reads the cap itself).
  const rest = points.map((_, i) => i).filter((i) => !covered.has(i) && bindingAt(fields, points, regimes, [i]).length > 0);
  const lower = bindingAt(fields, points, regimes, rest);
  if (rest.length > 0) {
    notes.push(`at points ${list(rest.map(String))} the swept cap lies above ${list(lower)}, which bind${lower.length === 1 ? 's' : ''} first: prices there do not feel the swept cap.`);
  }
  return notes;
}
