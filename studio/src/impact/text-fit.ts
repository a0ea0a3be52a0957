// Chart labels fitted to a width, measured the way a Chinese page sets them: a Chinese
// character (or full-width punctuation) one em, anything else about 0.6 em. Observable Plot's
// own estimate counts a Chinese character as a Latin "e", about half its width, so its
// ellipsis and wrapping let Chinese labels run out of the chart.

/** The width of one character in ems (a CJK or full-width one 1, else 0.6). */
function emsOf(code: number): number {
  return code >= 0x2e80 && code <= 0xffef && !(code >= 0xd800 && code <= 0xdfff) ? 1 : 0.6;
}

/** The width of a text in ems. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += emsOf(ch.codePointAt(0)!);
  return w;
}

/** The text, or as much of it as fits in `width` ems followed by …. */
export function fitText(text: string, width: number): string {
  if (textWidth(text) <= width) return text;
  let w = 1; // the ellipsis
  let out = '';
  for (const ch of text) {
    w += emsOf(ch.codePointAt(0)!);
    if (w > width) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** The text in lines of at most `width` ems (a line longer than that only when one character is). */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const ch of paragraph) {
      const cw = emsOf(ch.codePointAt(0)!);
      if (line && w + cw > width) {
        lines.push(line.trimEnd());
        line = ch === ' ' ? '' : ch;
        w = ch === ' ' ? 0 : cw;
      } else {
        line += ch;
        w += cw;
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}
