/**
 * Reads LSP messages (`Content-Length` headers, then a UTF-8 JSON body) from a byte stream
 * without ever holding a message's bytes in one piece. vscode-jsonrpc's reader copies each body
 * into one Buffer before decoding it: for the didOpen of a large document a malloc of its size,
 * which glibc serves from its heap and keeps after the Buffer dies. Here each chunk's share of a
 * body is decoded at once, to strings on V8's heap (which the GC compacts), parsed together.
 */
import { StringDecoder } from 'node:string_decoder';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';

/** The bytes that end the headers: CR LF CR LF. */
const HEADERS_END = [13, 10, 13, 10];

export class StreamMessageReader extends AbstractMessageReader {
  /** The headers read so far of the message being read (Latin-1: header bytes are ASCII). */
  private headers = '';
  /** How many bytes of HEADERS_END the bytes read so far end with. */
  private ended = 0;
  /** Body bytes still to come; -1 while reading headers. */
  private bodyLeft = -1;
  private body: string[] = [];
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly readable: NodeJS.ReadableStream) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.read(chunk, callback);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('close', onClose);
      },
    };
  }

  private read(chunk: Buffer, callback: DataCallback): void {
    let at = 0;
    // A body of length 0 is complete without a byte of it.
    while (at < chunk.length || this.bodyLeft === 0) {
      at = this.bodyLeft < 0 ? this.readHeaders(chunk, at) : this.readBody(chunk, at, callback);
    }
  }

  /** Reads header bytes from `at`; returns where they end in the chunk. */
  private readHeaders(chunk: Buffer, at: number): number {
    for (let i = at; i < chunk.length; i++) {
      const byte = chunk[i];
      this.ended = byte === HEADERS_END[this.ended] ? this.ended + 1 : byte === HEADERS_END[0] ? 1 : 0;
      if (this.ended === HEADERS_END.length) {
        const headers = this.headers + chunk.toString('latin1', at, i + 1);
        this.startMessage();
        try {
          this.bodyLeft = contentLength(headers);
        } catch (error) {
          // That message is lost; the bytes after these headers are read as the next headers.
          this.fireError(error);
        }
        return i + 1;
      }
    }
    this.headers += chunk.toString('latin1', at);
    return chunk.length;
  }

  /** Decodes body bytes from `at`, and delivers the message when they were its last; returns where they end. */
  private readBody(chunk: Buffer, at: number, callback: DataCallback): number {
    const end = Math.min(chunk.length, at + this.bodyLeft);
    this.body.push(this.decoder.write(chunk.subarray(at, end)));
    this.bodyLeft -= end - at;
    if (this.bodyLeft === 0) {
      const text = this.body.join('') + this.decoder.end();
      this.startMessage();
      this.deliver(text, callback);
    }
    return end;
  }

  /** A body that is not JSON costs that message only, as does a failure of whoever handles it. */
  private deliver(text: string, callback: DataCallback): void {
    try {
      callback(JSON.parse(text) as Message);
    } catch (error) {
      this.fireError(error);
    }
  }

  private startMessage(): void {
    this.headers = '';
    this.ended = 0;
    this.bodyLeft = -1;
    this.body = [];
    this.decoder.end();
  }
}

/**
 * The body length the headers give (name in any case, value in any spacing). Other headers,
 * Content-Type included, are ignored as vscode-jsonrpc does: the body is UTF-8 JSON.
 */
function contentLength(headers: string): number {
  for (const line of headers.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`Message header must separate key and value using ':'\n${line}`);
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const length = Number.parseInt(line.slice(colon + 1).trim(), 10);
    if (!(length >= 0)) throw new Error(`Content-Length value must be a number. Got ${line.slice(colon + 1).trim()}`);
    return length;
  }
  throw new Error(`Header must provide a Content-Length property.\n${headers}`);
}
