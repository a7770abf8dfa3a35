/**
 * Writes LSP messages to a byte stream as the pieces publish.ts encodes them in, in one writev,
 * instead of copying each into one Buffer: a publishDiagnostics of a large document is a
 * megabyte, nearly all of it the reused JSON of unchanged diagnostics, and a megabyte malloc per
 * keystroke is memory glibc keeps in its heap after the Buffer dies.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { messagePieces } from '../lsp/publish';

export class StreamMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly writable: NodeJS.WritableStream & { cork(): void; uncork(): void }) {
    super();
    writable.on('error', (error: Error) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let pieces: Buffer[];
    try {
      pieces = messagePieces(message);
    } catch (error) {
      this.fireError(error);
      return Promise.reject(error);
    }
    const length = pieces.reduce((n, piece) => n + piece.length, 0);
    return new Promise((resolve, reject) => {
      const written = (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      };
      // Corked, the header and the pieces leave in one writev; the stream keeps them in order
      // behind earlier messages, and none of the pieces is ever modified.
      this.writable.cork();
      this.writable.write(Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'));
      for (let i = 0; i < pieces.length - 1; i++) this.writable.write(pieces[i]);
      this.writable.write(pieces[pieces.length - 1], written);
      this.writable.uncork();
    });
  }

  end(): void {
    this.writable.end();
  }
}
