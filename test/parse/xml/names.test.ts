import { describe, expect, it } from 'vitest';
import { NameTable } from '../../../shared/src/parse/xml/names';

describe('NameTable', () => {
  it('gives what slice gives, one string object per short spelling', () => {
    const text = `<disk type='file'><driver type='raw'/><target dev='vda'/><target dev='vdb'/></disk>`;
    const names = new NameTable(text);
    const at = (word: string, from = 0) => {
      const start = text.indexOf(word, from);
      return names.get(start, start + word.length);
    };
    expect(at('type')).toBe('type');
    expect(at('type', text.indexOf('driver'))).toBe('type');
    expect(at('vda')).toBe('vda');
    expect(at('vdb')).toBe('vdb');
    expect(names.get(3, 3)).toBe('');
  });

  it('never mixes up spellings that collide, and slices long ones', () => {
    // Every three-letter word over a small alphabet, twice: many share a slot of the table.
    const words: string[] = [];
    for (const a of 'abcdefgh') for (const b of 'abcdefgh') for (const c of 'abcdefgh') words.push(a + b + c);
    const long = 'x'.repeat(40);
    const text = [...words, long, ...words, long].join(' ');
    const names = new NameTable(text);
    let p = 0;
    for (const word of text.split(' ')) {
      expect(names.get(p, p + word.length)).toBe(word);
      p += word.length + 1;
    }
  });
});
