export { parseQemuCmdline, type QemuCmdlineOptions } from './cmdline';
export { disksFromQemuArgs } from './disks';
export { lexShell, type ShellWord } from './shellWords';
export { parseJson } from './json';
