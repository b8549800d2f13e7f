export { crossing, type Crossing, type CrossingStatus } from './crossing.js';
export { exitPoints, EXIT_LEVEL, BOOTSTRAP_SAMPLES, type ExitPoint } from './exitPoints.js';
export { sweepLines, type SweepLine } from './lines.js';
export { runEffect, type PointData, type SweepSpec } from './pointData.js';
export { sweepOutputs, csvValue, CSV_ARMS, type SweepOutputs, type SweepResult } from './sweepOutputs.js';
export { sweepTable, TABLE_METRICS } from './table.js';
export { turningPoints, type TurningPoint } from './turningPoints.js';
