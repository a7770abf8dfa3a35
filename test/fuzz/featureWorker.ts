/**
 * Runs in a worker thread (bundled by features.test.ts): analysis, hover and completion at given
 * offsets. A worker can be terminated, so an endless loop here fails the test instead of hanging it.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeText, type LanguageId } from '../../shared/src/analyze';
import { completionsAt } from '../../shared/src/complete';
import { hoverAt } from '../../shared/src/hover/markdown';
import type { Span } from '../../shared/src/model';

export interface FeatureRequest {
  text: string;
  languageId: LanguageId;
  offsets: number[];
}

export type FeatureReply = { ok: true } | { ok: false; error: string };

function inside(text: string, span: Span, what: string): void {
  if (!(span.start >= 0 && span.start <= span.end && span.end <= text.length)) throw new Error(`${what}: span ${span.start}..${span.end} is outside the document (length ${text.length})`);
}

parentPort?.on('message', ({ text, languageId, offsets }: FeatureRequest) => {
  let reply: FeatureReply;
  try {
    const analysis = analyzeText(text, { languageId });
    for (const offset of offsets) {
      const hover = hoverAt(analysis, offset);
      if (hover) inside(text, hover.span, `hover at ${offset}`);
      if (analysis.kind === 'none') continue;
      for (const choice of completionsAt(text, offset, analysis.kind)) inside(text, choice.span, `completion "${choice.label}" at ${offset}`);
    }
    reply = { ok: true };
  } catch (e) {
    reply = { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort?.postMessage(reply);
});
