import { describe, expect, it } from 'vitest';
import { XmlParseError, childElements, parseXml, textAt, textOf } from './xml-parser';
import { decodeUtf8, decodeXmlBytes, encodeUtf8 } from './text-decoding';

describe('the phone reads XML the way services and call managers write it', () => {
  it('keeps elements, attributes, CDATA and entities, and skips comments and declarations', () => {
    const root = parseXml(`<?xml version="1.0"?>\r\n<!-- hi --><menu a="1&amp;2" b='x'>\r\n<Name>A &lt;b&gt; &#65;&#x42;</Name><![CDATA[<raw & text>]]><?pi x?><empty/></menu>`);
    expect(root.name).toBe('menu');
    expect(root.attributes).toEqual({ a: '1&2', b: 'x' });
    expect(textAt(root, 'Name')).toBe('A <b> AB');
    expect(textOf(root)).toContain('<raw & text>');
    expect(childElements(root).map((child) => child.name)).toEqual(['Name', 'empty']);
  });

  it.each([
    ['a DOCTYPE (billion laughs)', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><a>&lol2;</a>'],
    ['an external entity', '<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>'],
    ['an unknown entity', '<a>&xxe;</a>'],
    ['a mismatched end tag', '<a><b></a></b>'],
    ['an unclosed element', '<a><b>'],
    ['two roots', '<a/><b/>'],
    ['an empty document', '   '],
    ['an unquoted attribute', '<a x=1/>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
  ])('refuses %s with a parse error', (_what, source) => {
    expect(() => parseXml(source)).toThrow(XmlParseError);
  });

  it('caps nesting depth and size', () => {
    const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
    expect(() => parseXml(deep, { maxDepth: 32, maxLength: 1e6, maxElements: 1e6 })).toThrow(/deeper than 32/);
    expect(() => parseXml(`<a>${'x'.repeat(2000)}</a>`, { maxDepth: 8, maxLength: 1000, maxElements: 10 })).toThrow(/larger than 1000/);
    expect(() => parseXml('<a>' + '<b/>'.repeat(50) + '</a>', { maxDepth: 8, maxLength: 1e6, maxElements: 10 })).toThrow(/More than 10 elements/);
  });

  it('never throws anything but XmlParseError on mangled input', () => {
    const seed = '<?xml version="1.0"?><CiscoIPPhoneMenu><Title>T &amp; x</Title><MenuItem><Name>A</Name><URL>http://x/?a=1&amp;b=2</URL></MenuItem><![CDATA[q]]><!-- c --></CiscoIPPhoneMenu>';
    let state = 12345;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    for (let round = 0; round < 2000; round++) {
      const chars = [...seed];
      for (let edits = 0; edits < 1 + random(4); edits++) {
        const at = random(chars.length);
        if (random(2) === 0) chars.splice(at, 1);
        else chars.splice(at, 0, '<>&;"/![]-?'[random(11)] ?? '<');
      }
      try {
        parseXml(chars.join(''));
      } catch (error) {
        expect(error).toBeInstanceOf(XmlParseError);
      }
    }
  });
});

describe('text decoding follows the XML declaration', () => {
  it('reads ISO-8859-1 when declared and UTF-8 otherwise, BOM included', () => {
    const latin1 = new Uint8Array([...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, ...Buffer.from('</a>')]);
    expect(decodeXmlBytes(latin1)).toContain('<a>é</a>');
    const utf8WithBom = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<a>é€😀</a>', 'utf8')]);
    expect(decodeXmlBytes(utf8WithBom)).toBe('<a>é€😀</a>');
  });

  it('turns broken UTF-8 into replacement characters and round-trips good text', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xc3, 0x28, 0x62]))).toBe('a\uFFFD(b');
    const text = 'Zoë — 東京 😀';
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    expect(Buffer.from(encodeUtf8(text)).toString('utf8')).toBe(text);
  });
});
