/**
 * Server-side rendering of a chart to standalone SVG with vega (no browser): Vega-Lite compiles the
 * spec to Vega, a headless View runs the dataflow and serializes its scenegraph. Text is measured by
 * vega's estimate (no canvas package), so the SVG is the same on every machine.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The chart as SVG text. Throws when the spec does not compile. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const vg = compile(spec).spec;
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
