import { describe, expect, it } from 'vitest';
import { domainIdentity } from '../../server/src/cli/fleet/domainIdentity';

describe('domainIdentity', () => {
  it('reads the name (entities decoded, tabs and line breaks kept) and the UUID from dumpxml output', () => {
    const xml = "<domain type='test' id='3'>\n  <name>a&apos;b &quot;c&quot; &lt;&amp;&gt; $(x)\tnl\nname</name>\n  <uuid>6695EB01-f6a4-8304-79aa-97f2502e193f</uuid>\n  <metadata><name>not this</name></metadata>\n</domain>\n";
    expect(domainIdentity(xml)).toEqual({ name: 'a\'b "c" <&> $(x)\tnl\nname', uuid: '6695eb01-f6a4-8304-79aa-97f2502e193f' });
  });

  it('decodes character references, keeps references XML does not allow as written', () => {
    expect(domainIdentity('<domain><name>&#xFC;n&#239;-&#x1F600;-&#xD800;-&bogus;</name></domain>').name).toBe('ünï-😀-&#xD800;-&bogus;');
  });

  it('says nothing when the text is not a domain', () => {
    expect(domainIdentity('')).toEqual({});
    expect(domainIdentity('<network><name>default</name></network>')).toEqual({});
    expect(domainIdentity("<domain type='test'></domain>")).toEqual({ name: undefined, uuid: undefined });
  });
});
