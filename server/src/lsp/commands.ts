/** Commands the server answers through `workspace/executeCommand`. */
export const PROBE_IMAGE = 'vmdisk.probeImage';
/** Opens a rule's page; the VS Code client handles it itself, other editors get `window/showDocument`. */
export const OPEN_RULE_DOC = 'vmdisk.openRuleDoc';
export const SERVER_COMMANDS = [PROBE_IMAGE, OPEN_RULE_DOC] as const;
