// Scenario references (`extends:`, a sweep's `base:`, the CLI's SCENARIO) fall back to the shipped file
// of a bare name only when no file of that name stands where the reference points.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.js';
import { defaultScenarioFile, resolveScenarioRef, shippedScenariosDir } from '../../sim/scenario/shipped.js';
import { tempDir } from '../run/helpers.js';

describe('shipped scenarios', () => {
  it('are the package\'s scenarios/ directory; the default is china-2025.yaml', () => {
    expect(shippedScenariosDir()).toBe(path.resolve(import.meta.dirname, '../../scenarios'));
    expect(fs.existsSync(defaultScenarioFile())).toBe(true);
  });

  it('a bare name resolves beside the referring file first, then to the shipped file', () => {
    const dir = tempDir();
    expect(resolveScenarioRef('china-2025.yaml', dir)).toBe(path.join(shippedScenariosDir(), 'china-2025.yaml'));
    fs.writeFileSync(path.join(dir, 'china-2025.yaml'), 'name: local\n');
    expect(resolveScenarioRef('china-2025.yaml', dir)).toBe(path.join(dir, 'china-2025.yaml'));
    // a path with a directory, or a name nothing ships, is never redirected
    expect(resolveScenarioRef('sub/small.yaml', dir)).toBe(path.join(dir, 'sub/small.yaml'));
    expect(resolveScenarioRef('nope.yaml', dir)).toBe(path.join(dir, 'nope.yaml'));
  });

  it('a scenario extending a bare shipped name loads from anywhere', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'mine.yaml'), 'extends: small.yaml\nruns: 3\n');
    const { scenario, files } = loadScenario(path.join(dir, 'mine.yaml'));
    expect(scenario.runs).toBe(3);
    expect(files.slice(1)).toEqual([path.join(shippedScenariosDir(), 'small.yaml'), path.join(shippedScenariosDir(), 'china-2025.yaml')]);
  });
});
