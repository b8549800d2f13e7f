/**
 * How deeply a YAML or JSON text nests, measured on the text before any parser sees it: the parsers
 * recurse, and a file nested a thousand levels deep would end the process with a V8 fatal error
 * instead of a message. A scenario, sweep or shard header nests a handful of levels.
 */

/** Deepest nesting a scenario, sweep or shard header may have (a scenario needs about 6). */
export const MAX_DEPTH = 64;

/**
 * The deepest nesting in `text`: flow collections (`[`, `{`) outside quoted strings and comments,
 * plus, for YAML, block levels (indentation and `- ` items). An upper bound on the parsed depth for
 * ordinary files; O(length).
 */
export function nestingDepth(text: string, yaml: boolean): number {
  let deepest = 0;
  let flow = 0;
  let block: number[] = [];
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let prev = '\n'; // the last character that was not a space on this line
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      prev = '\n';
      continue;
    }
    if (quote) {
      lineStart = false;
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    if (yaml && lineStart && flow === 0) {
      // The block level of this line: its indentation, and each `- ` that opens an item on it.
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      const first = text[i + indent];
      if (first !== undefined && first !== '\n' && first !== '#' && first !== '\r') {
        block = block.filter((b) => b < indent);
        block.push(indent);
        let j = i + indent;
        while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\n')) {
          j += 2;
          while (text[j] === ' ') j++;
          block.push(j - i);
        }
        deepest = Math.max(deepest, block.length);
      }
    }
    lineStart = false;
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (yaml && c === '#' && (prev === '\n' || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (c === '"' || (c === "'" && yaml)) {
      // In YAML a quote opens a string only where a value starts (not the apostrophe in China's).
      if (!yaml || '\n:-[{,?'.includes(prev)) {
        quote = c;
        prev = c;
        continue;
      }
    }
    if (c === '[' || c === '{') deepest = Math.max(deepest, block.length + ++flow);
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    prev = c;
  }
  return deepest;
}

/** A problem text when `text` nests deeper than MAX_DEPTH, else null. */
export function depthProblem(text: string, yaml: boolean): string | null {
  const depth = nestingDepth(text, yaml);
  return depth > MAX_DEPTH ? `nests ${depth} levels deep; expected at most ${MAX_DEPTH} (a scenario nests about 6): refused before parsing` : null;
}
