/**
 * Checks for text that people type or import (names, descriptions, CSV values, e-mail addresses,
 * web addresses). Pure: shared by the CLI, the services and the browser verifier.
 *
 * Refused in any text: C0 controls (tab and line breaks only where a text may span lines), DEL,
 * C1 controls (so ESC/CSI/OSC terminal sequences), bidirectional embeddings, overrides and isolates
 * (Trojan-source text), invisible characters that only hide things (zero-width space, word joiner,
 * invisible operators, BOM in the middle of a text, interlinear annotations), lone surrogates and
 * the noncharacters U+FFFE/U+FFFF. Every such text would also be refused by XML (baked SVG) or be
 * misleading on screen. Joiners (ZWJ, ZWNJ), LRM/RLM and soft hyphens stay allowed in texts: scripts
 * and emoji need them. Identifiers (e-mail addresses, URLs) refuse every invisible character.
 */
import { BadgeError } from './errors.js';

export type ForbiddenKind = 'control' | 'bidi' | 'invisible' | 'surrogate' | 'noncharacter' | 'line break';

export interface ForbiddenCharacter {
  /** UTF-16 index of the character in the text. */
  index: number;
  codePoint: number;
  kind: ForbiddenKind;
}

export interface TextRules {
  /** Allow line feeds, carriage returns and tabs (descriptions, narratives). Default false. */
  multiline?: boolean;
  /** Refuse every default-ignorable or format character, joiners included (identifiers). Default false. */
  identifier?: boolean;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x9d: 'OPERATING SYSTEM COMMAND',
  0xad: 'SOFT HYPHEN',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
/** Invisible characters refused in every text. */
const INVISIBLE = /[\u200b\u2060-\u2064\ufeff\ufff9-\ufffb\u180e\u115f\u1160\u3164\uffa0]/;
/** Everything invisible or formatting, refused in identifiers (joiners, marks, soft hyphen, tags…). */
const IDENTIFIER_INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zs}\p{Zl}\p{Zp}]/u;

function classify(codePoint: number, rules: TextRules): ForbiddenKind | null {
  if (codePoint < 0x20) {
    if (codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x09) return rules.multiline && !rules.identifier ? null : codePoint === 0x09 ? 'control' : 'line break';
    return 'control';
  }
  if (codePoint < 0x7f) return null;
  if (codePoint <= 0x9f) return 'control';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'surrogate';
  if (codePoint === 0xfffe || codePoint === 0xffff) return 'noncharacter';
  const char = String.fromCodePoint(codePoint);
  if (BIDI.test(char)) return 'bidi';
  if (INVISIBLE.test(char)) return 'invisible';
  if (codePoint === 0x2028 || codePoint === 0x2029) return rules.multiline && !rules.identifier ? null : 'line break';
  if (rules.identifier && IDENTIFIER_INVISIBLE.test(char)) return 'invisible';
  return null;
}

/** The first character the rules refuse, or null. Lone surrogates are found (`for…of` yields them alone). */
export function findForbiddenCharacter(text: string, rules: TextRules = {}): ForbiddenCharacter | null {
  // Fast path: printable ASCII (plus allowed line breaks) is always fine.
  if (/^[\x20-\x7e]*$/.test(text)) return null;
  let index = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const kind = classify(codePoint, rules);
    if (kind !== null) return { index, codePoint, kind };
    index += char.length;
  }
  return null;
}

/** `U+200B (ZERO WIDTH SPACE)`, `U+001B (ESCAPE)`. */
export function describeCodePoint(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint];
  return name ? `${hex} (${name})` : hex;
}

const KIND_TEXT: Record<ForbiddenKind, string> = {
  control: 'a control character',
  bidi: 'a text-direction override',
  invisible: 'an invisible character',
  surrogate: 'a broken character (lone surrogate)',
  noncharacter: 'a non-character',
  'line break': 'a line break',
};

/**
 * Null when the text is acceptable, else a sentence naming the field, the character and where it
 * is: `The name contains a control character, U+001B (ESCAPE), at position 5; retype it without it.`
 */
export function textProblem(text: string, field: string, rules: TextRules = {}): string | null {
  const found = findForbiddenCharacter(text, rules);
  if (found === null) return null;
  const position = [...text.slice(0, found.index)].length + 1;
  return `The ${field} contains ${KIND_TEXT[found.kind]}, ${describeCodePoint(found.codePoint)}, at position ${position}; retype it without that character (copying from another program can bring hidden characters along).`;
}

/** Characters RFC 3986/3987 do not allow anywhere in a URL, even though WHATWG parsers would escape them. */
const URL_UNSAFE = /[\s"<>\\^`{|}]/u;

/**
 * Null when `text` is an absolute http(s) web address that can go into a credential as it is
 * (JSON-LD safe mode, RDF canonicalisation, HTML attributes), else a sentence saying what is wrong.
 * Parsed with the WHATWG URL parser; spaces, quotes, angle brackets, backslashes, control and
 * invisible characters, bad %-escapes and user:password@ are refused rather than silently escaped.
 */
export function webUrlProblem(text: string): string | null {
  const hidden = findForbiddenCharacter(text, { identifier: true });
  if (hidden !== null && hidden.kind !== 'invisible') {
    return `"${printable(text)}" contains ${KIND_TEXT[hidden.kind]} (${describeCodePoint(hidden.codePoint)}); a web address cannot.`;
  }
  const unsafe = URL_UNSAFE.exec(text);
  if (unsafe !== null) {
    const what = /\s/u.test(unsafe[0]) ? 'a space' : `the character ${unsafe[0]}`;
    return `"${printable(text)}" contains ${what}, which a web address cannot hold; write it as %20 (space) or %22 ("), or remove it.`;
  }
  if (hidden !== null) return `"${printable(text)}" contains ${KIND_TEXT[hidden.kind]} (${describeCodePoint(hidden.codePoint)}); a web address cannot.`;
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return `"${text}" has a % that is not followed by two hexadecimal digits.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a full web address; write it as https://….`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${text}" is not a web address: it must start with https:// (or http://).`;
  if (!/^https?:\/\//i.test(text)) return `"${text}" must start with https:// (or http://) followed by the site name.`;
  if (url.hostname === '') return `"${text}" has no site name after https://.`;
  if (url.username !== '' || url.password !== '') return `"${text}" holds a user name or password; remove the part before @.`;
  return null;
}

/** A text shown inside a message, with control characters made visible. */
export function printable(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped here
  const shown = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/**
 * Null when `text` is an absolute IRI that JSON-LD safe mode and RDF canonicalisation accept as it
 * is (`https://…`, `urn:uuid:…`, `did:…`), else a sentence saying what is wrong.
 */
export function absoluteIriProblem(text: string): string | null {
  const hidden = findForbiddenCharacter(text, { identifier: true });
  if (hidden !== null) return `"${printable(text)}" contains ${KIND_TEXT[hidden.kind]} (${describeCodePoint(hidden.codePoint)}).`;
  const unsafe = URL_UNSAFE.exec(text);
  if (unsafe !== null) return `"${printable(text)}" contains ${/\s/u.test(unsafe[0]) ? 'a space' : `the character ${unsafe[0]}`}, which an IRI cannot hold.`;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:./.test(text)) return `"${printable(text)}" is not an absolute IRI such as https://…, urn:uuid:… or did:….`;
  return null;
}

/** Throws ERR_TEXT_INVALID (naming the field and the character) for a text the rules refuse. */
export function assertText(text: string | null | undefined, field: string, rules: TextRules = {}): void {
  if (text === null || text === undefined) return;
  const problem = textProblem(text, field, rules);
  if (problem !== null) throw new BadgeError('ERR_TEXT_INVALID', problem);
}
