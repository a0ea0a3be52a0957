// A reader following a link in README.md or docs/*.md reaches a file that is there, and a
// heading that is there when the link names one (#anchor, as GitHub makes it from the heading).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/regulation.js';

const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks, where a heading is a heading. */
function outsideFences(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** The text outside code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return outsideFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of outsideFences(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = anchorOf(m[1]!.replace(/`/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** [text](target) and ![alt](target) and <img src="target">: the relative targets. */
function relativeTargets(markdown: string): string[] {
  const text = prose(markdown);
  const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('links in README.md and docs/', () => {
  it('finds the headings an anchor is made from as GitHub does', () => {
    expect(anchorOf('17. Starting on 《浙江省流动人口居住登记条例》')).toBe('17-starting-on-浙江省流动人口居住登记条例');
    expect(anchorOf('2. The published text: source.txt')).toBe('2-the-published-text-sourcetxt');
    expect(anchorOf('Zhejiang → national')).toBe('zhejiang--national');
  });

  it('every relative link reaches a file, and a heading when it names one', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const markdown = readFileSync(join(root, page), 'utf8');
      for (const target of relativeTargets(markdown)) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(root, page) : join(dirname(join(root, page)), decodeURIComponent(path));
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no ${relative(root, file)})`);
          continue;
        }
        if (anchor && file.endsWith('.md') && statSync(file).isFile() && !anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor))) {
          broken.push(`${page}: ${target} (no heading #${anchor} in ${relative(root, file)})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
