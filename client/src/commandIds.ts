/**
 * Command ids. The first two are also what the server names in code lenses and code actions
 * (server/src/lsp/commands.ts); the client implements them itself so they work with progress UI,
 * Workspace Trust and without a round trip.
 */
export const PROBE_IMAGE = 'vmdisk.probeImage';
export const OPEN_RULE_DOC = 'vmdisk.openRuleDoc';
/** Server commands the client must not let vscode-languageclient register a second time. */
export const CLIENT_IMPLEMENTED = new Set([PROBE_IMAGE, OPEN_RULE_DOC]);

export const PROBE_IMAGE_AT_CURSOR = 'vmdisk.probeImageAtCursor';
export const SHOW_EFFECTIVE_CACHE = 'vmdisk.showEffectiveCache';
export const SWITCH_ENVIRONMENT = 'vmdisk.switchEnvironment';
export const RESTART_SERVER = 'vmdisk.restartServer';
export const CHECK_LIBVIRT_CONNECTION = 'vmdisk.checkLibvirtConnection';
