/**
 * Where a bank type leaves the business along a sweep: the value of the swept field at which the
 * share of that type's banks with no partner (policy arm, end) crosses one half, by linear
 * interpolation between the two sweep points that straddle it. Points are taken in increasing order
 * of the field; the first crossing counts. Null when the share never crosses (always above or
 * always below one half). O(points log points).
 *
 * @example exitCrossing([{ x: 0.2, share: 0.9 }, { x: 0.3, share: 0.1 }]) // 0.25
 */
export const EXIT_SHARE = 0.5;

export function exitCrossing(points: readonly { x: number; share: number | null }[], threshold = EXIT_SHARE): number | null {
  const pts = points.filter((p): p is { x: number; share: number } => Number.isFinite(p.x) && p.share !== null && Number.isFinite(p.share)).sort((a, b) => a.x - b.x);
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const da = a.share - threshold;
    const db = b.share - threshold;
    if (da === 0) return a.x;
    if (da * db < 0) return a.x + ((b.x - a.x) * da) / (da - db);
  }
  const last = pts[pts.length - 1];
  return last && last.share === threshold ? last.x : null;
}
