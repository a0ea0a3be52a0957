// The studio's index.html carries the per-start session secret in a <meta> tag. Only a page
// from the studio's own origin can read it (other origins get an opaque response), so
// only the studio can send it back with its API requests.
export const SESSION_META = 'tiaoli-session';

export function withSession(html: string, session: string): string {
  const meta = `<meta name="${SESSION_META}" content="${session}" />`;
  return html.includes('</head>') ? html.replace('</head>', `    ${meta}\n  </head>`) : `${meta}\n${html}`;
}
