import { describe, expect, it } from 'vitest';
import { absoluteIriProblem, findForbiddenCharacter, printable, textProblem, webUrlProblem } from '../../shared/text.js';

describe('findForbiddenCharacter', () => {
  it('finds C0/C1 controls, DEL, bidi controls, invisible characters, lone surrogates and noncharacters', () => {
    const cases: [string, string, number][] = [
      ['a\u0000', 'control', 0],
      ['a\u001b]0;x\u0007', 'control', 0x1b],
      ['a\u007f', 'control', 0x7f],
      ['a\u0085', 'control', 0x85],
      ['a\u202eb', 'bidi', 0x202e],
      ['a\u2067b', 'bidi', 0x2067],
      ['a\u200bb', 'invisible', 0x200b],
      ['a\ufeffb', 'invisible', 0xfeff],
      ['a\ud800b', 'surrogate', 0xd800],
      ['a\uffff', 'noncharacter', 0xffff],
      ['a\nb', 'line break', 0x0a],
      ['a\u2028b', 'line break', 0x2028],
    ];
    for (const [text, kind, codePoint] of cases) expect(findForbiddenCharacter(text), JSON.stringify(text)).toMatchObject({ kind, codePoint, index: 1 });
  });

  it('allows line breaks and tabs in multi-line texts, joiners and marks in texts, but not in identifiers', () => {
    expect(findForbiddenCharacter('a\r\nb\tc\u2029', { multiline: true })).toBeNull();
    expect(findForbiddenCharacter('👩‍🚒 می‌خواهم \u200f soft\u00adhyphen')).toBeNull();
    expect(findForbiddenCharacter('a\u200db', { identifier: true })).toMatchObject({ kind: 'invisible' });
    expect(findForbiddenCharacter('a\u00adb', { identifier: true })).toMatchObject({ kind: 'invisible' });
    expect(findForbiddenCharacter('a\u00a0b', { identifier: true })).toMatchObject({ kind: 'invisible' });
    expect(findForbiddenCharacter('Élodie Lefèvre 😀')).toBeNull();
  });

  it('says which character, where, in a message that is safe to print', () => {
    expect(textProblem('Bad\u0001', 'name')).toMatch(/^The name contains a control character, U\+0001, at position 4;/);
    expect(textProblem('😀\u200b', 'name')).toMatch(/U\+200B \(ZERO WIDTH SPACE\), at position 2/);
    expect(printable('a\u001b[31m\u202e')).toBe('a\\u{1b}[31m\\u{202e}');
  });
});

describe('webUrlProblem', () => {
  it('accepts absolute http(s) addresses, IRIs with accents, queries and fragments', () => {
    for (const url of ['https://example.org/', 'http://example.org/a?b=c#d', 'https://exemple.fr/é%20t', 'https://xn--bcher-kva.example/p']) expect(webUrlProblem(url), url).toBeNull();
  });

  it('refuses what a WHATWG parser would silently escape, other schemes, and credentials', () => {
    const cases: [string, RegExp][] = [
      ['https://example.org/a b', /a space/],
      ['https://example.org/a\u00a0b', /a space/],
      ['https://example.org/"x"', /character "/],
      ['https://example.org/<x>', /character </],
      ['https:\\\\example.org', /character \\/],
      ['https://example.org/{x}', /character \{/],
      ['https://example.org/%zz', /two hexadecimal digits/],
      ['javascript:alert(1)', /must start with https/],
      ['ftp://example.org/', /must start with https/],
      ['example.org/page', /not a full web address/],
      ['https:example.org', /followed by the site name/],
      ['https://user:pw@example.org/', /user name or password/],
      ['https://exa\u200bmple.org/', /invisible character/],
      ['https://example.org/\u0007', /control character/],
    ];
    for (const [url, message] of cases) expect(webUrlProblem(url), url).toMatch(message);
  });

  it('absoluteIriProblem accepts urn: and did: and refuses spaces', () => {
    expect(absoluteIriProblem('urn:uuid:6f1c1e52-5f0e-4a57-9b5e-0d3f5a1b2c01')).toBeNull();
    expect(absoluteIriProblem('did:key:z6Mk')).toBeNull();
    expect(absoluteIriProblem('did:key:z6 Mk')).toMatch(/a space/);
    expect(absoluteIriProblem('relative/path')).toMatch(/not an absolute IRI/);
  });
});
