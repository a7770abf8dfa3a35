/** Where a command writes; tests pass collectors, the CLI passes stdout/stderr. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}
