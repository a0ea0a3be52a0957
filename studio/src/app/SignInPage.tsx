// The sign-in page, shown instead of the studio when the server has accounts and nobody is
// signed in (or the session ended): account name and password, the server's answer (wrong
// password, account locked for a while, disabled) said as it is; and, when the server has
// single sign-on, 使用单位统一身份认证登录 (a link: the browser goes to the office's provider
// and comes back signed in, or to a page saying why not).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMessages } from '../shared/i18n.js';
import { signIn, ssoHref, type SessionSso } from '../shared/session.js';

export function SignInPage({ closed, sso, onSignedIn }: { closed: boolean; sso?: SessionSso | null; onSignedIn: () => void }) {
  const t = useMessages();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const problem = await signIn(login.trim(), password).catch((err: Error) => err.message);
    setBusy(false);
    if (problem) {
      setError(problem);
      setPassword('');
      return;
    }
    onSignedIn();
  };
  return (
    <div className="sign-in" data-testid="sign-in">
      <h2>{t.signInTitle}</h2>
      <p className="muted">{closed ? t.closedIntro : t.signInIntro}</p>
      {sso && (
        <p className="sign-in-sso">
          <a className="button-like" data-testid="sign-in-sso" href={ssoHref(sso)}>{t.signInSso}</a>
          <span className="muted">{sso.name}</span>
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <label>{t.signInLogin}<input ref={first} data-testid="sign-in-login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} maxLength={40} required /></label>
        <label>{t.signInPassword}<input data-testid="sign-in-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} required /></label>
        <button type="submit" data-testid="sign-in-submit" disabled={busy}>{busy ? t.signingIn : t.signInButton}</button>
      </form>
      {error && <p className="error" role="alert" data-testid="sign-in-error">{error}</p>}
    </div>
  );
}
