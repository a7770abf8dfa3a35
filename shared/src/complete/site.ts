import type { Span } from '../model';
import type { ValueForm } from './values';

/** What the cursor is in, found by a small local scan (half-typed text included). */
export type CompletionSite =
  | {
      kind: 'value';
      form: ValueForm;
      /** Attribute or option key as written: `cache`, `file.aio`, `direct`. */
      key: string;
      /** The text a chosen value replaces (the partial value and the rest of the word). */
      span: Span;
      /** XML only: the element the attribute belongs to. */
      element?: string;
      /** XML only: the value has no opening quote yet, so the inserted value must bring its quotes. */
      quote?: '"' | "'";
    }
  | {
      kind: 'attribute';
      element: string;
      span: Span;
      /** Attributes the element already has. */
      present: string[];
      quote: '"' | "'";
    };
