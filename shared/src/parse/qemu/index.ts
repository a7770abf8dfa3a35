export { parseQemuCmdline, type QemuCmdlineOptions } from './cmdline';
export { isQemuBinary } from './command';
export { disksFromQemuArgs } from './disks';
export { lexShell, type ShellWord } from './shellWords';
