/** The native-I/O probe: `probeImage` (Node I/O) and the pure pieces around its report. */
export { probeImage, DEFAULT_TIME_LIMIT_MS } from './probeImage';
export { ProbeError, type ProbeErrorCode } from './probeError';
export { formatProbeMarkdown } from './formatMarkdown';
export { formatProbeText } from './formatText';
export { storageFactsOf } from './storageFacts';
export { SCRATCH_PREFIX } from './scratchFile';
export type * from './types';
