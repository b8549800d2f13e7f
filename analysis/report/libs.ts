/**
 * The JavaScript a report page inlines so it opens offline: vega, vega-lite and vega-embed, read from
 * their packages' UMD builds in node_modules (`build/*.min.js`, the files their `unpkg` field names;
 * the packages' `exports` point at ESM builds that a file:// page could not import). Each sets a
 * global (vega, vegaLite, vegaEmbed) in a classic <script>, in this order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InlineLibrary {
  name: string;
  version: string;
  /** The file inlined, relative to the package. */
  file: string;
  code: string;
}

const LIBRARIES = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const;

/** The directory of an installed package (walks up from what it resolves to, to its package.json). */
export function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`packageDir: found no package.json named ${name} above ${require.resolve(name)}`);
    dir = up;
  }
}

let cache: InlineLibrary[] | null = null;

/**
 * The three libraries, read once per process. The code is made safe to sit in a <script> element
 * (`</script` and `<!--` cannot occur in it after this; none of the pinned builds holds either).
 */
export function inlineLibraries(): InlineLibrary[] {
  cache ??= LIBRARIES.map(({ name, file }) => {
    const dir = packageDir(name);
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`inlineLibraries: ${path} is missing: the report inlines ${name}'s UMD build; reinstall with npm ci`);
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const code = readFileSync(path, 'utf8')
      .replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
      .replace(/<\/script/gi, '<\\/script')
      .replace(/<!--/g, '<\\!--');
    return { name, version, file, code };
  });
  return cache;
}
