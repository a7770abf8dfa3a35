/**
 * Page-aligned memory for O_DIRECT: a WebAssembly.Memory starts on a page boundary, a Node Buffer
 * need not. (Typed through globalThis: the project's `lib` has no WebAssembly declarations.)
 */
interface WasmMemoryConstructor {
  new (descriptor: { initial: number }): { readonly buffer: ArrayBuffer };
}

/** Whole 64 KiB WebAssembly pages covering at least `bytes`. */
export function pageAlignedBuffer(bytes: number): Uint8Array {
  const Memory = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryConstructor } }).WebAssembly.Memory;
  return new Uint8Array(new Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) }).buffer);
}
