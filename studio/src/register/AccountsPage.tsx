// 账户, for 管理员: every account with its roles; add one, change its roles, set a new
// password, disable or enable it. The server ends the account's sessions on every change but
// a new one, and refuses to leave no enabled administrator.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../../engine/accounts/roles.js';
import { useMessages } from '../shared/i18n.js';
import { DataText } from '../shared/law-text.js';
import { addAccount, changeAccount, listAccounts, type Account } from './accounts-api.js';
import './register.css';

function RolePicker({ value, onChange, prefix }: { value: Role[]; onChange: (roles: Role[]) => void; prefix: string }) {
  const t = useMessages();
  return (
    <span className="role-picker">
      {ROLES.map((r) => (
        <label key={r}><input type="checkbox" data-testid={`${prefix}-${r}`} checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />{t.roleNames[r]}</label>
      ))}
    </span>
  );
}

function AccountRow({ account, onChanged, onError }: { account: Account; onChanged: () => void; onError: (m: string) => void }) {
  const t = useMessages();
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const [password, setPassword] = useState('');
  const change = (c: Parameters<typeof changeAccount>[1]) => changeAccount(account.id, c).then(() => { setPassword(''); onChanged(); }, (e: Error) => onError(e.message));
  return (
    <tr data-testid="account-row">
      <td>{account.login}</td>
      <td><DataText text={account.name} />{account.disabled && <span className="badge warn"> {t.accountDisabled}</span>}</td>
      <td>
        <RolePicker value={roles} onChange={setRoles} prefix={`roles-${account.login}`} />
        <button type="button" onClick={() => void change({ roles })}>{t.accountSetRoles}</button>
      </td>
      <td>
        <label>{t.accountNewPassword}<input type="password" autoComplete="new-password" value={password} maxLength={200} onChange={(e) => setPassword(e.target.value)} /></label>
        <button type="button" disabled={!password} onClick={() => void change({ password })}>{t.accountSetPassword}</button>
      </td>
      <td><button type="button" data-testid={`toggle-${account.login}`} onClick={() => void change({ disabled: !account.disabled })}>{account.disabled ? t.accountEnable : t.accountDisable}</button></td>
    </tr>
  );
}

export function AccountsPage() {
  const t = useMessages();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ login: '', name: '', password: '', roles: ['counter'] as Role[] });
  const reload = useCallback(() => {
    listAccounts().then((r) => { setAccounts(r.accounts); setError(null); }, (e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);
  const add = (e: FormEvent) => {
    e.preventDefault();
    addAccount(draft).then(() => { setDraft({ login: '', name: '', password: '', roles: ['counter'] }); reload(); }, (err: Error) => setError(err.message));
  };
  return (
    <div className="register-page" data-testid="accounts">
      <h2>{t.accounts}</h2>
      <p className="muted">{t.accountsIntro}</p>
      {error && <p className="error" role="alert" data-testid="accounts-error">{error}</p>}
      {accounts && (
        <div className="register-table-box" role="region" aria-label={t.accounts} tabIndex={0}>
          <table className="register-table">
            <thead><tr><th>{t.accountLogin}</th><th>{t.accountName}</th><th>{t.accountRoles}</th><th>{t.accountNewPassword}</th><th>{t.accountDisabled}</th></tr></thead>
            <tbody>{accounts.map((a) => <AccountRow key={`${a.id}-${a.roles.join()}-${a.disabled}`} account={a} onChanged={reload} onError={setError} />)}</tbody>
          </table>
        </div>
      )}
      <form className="register-search" onSubmit={add}>
        <label>{t.accountLogin}<input value={draft.login} maxLength={40} onChange={(e) => setDraft({ ...draft, login: e.target.value })} required /></label>
        <label>{t.accountName}<input value={draft.name} maxLength={50} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required /></label>
        <label>{t.accountPassword}<input type="password" autoComplete="new-password" value={draft.password} maxLength={200} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required /></label>
        <RolePicker value={draft.roles} onChange={(roles) => setDraft({ ...draft, roles })} prefix="new-role" />
        <button type="submit">{t.accountAdd}</button>
      </form>
    </div>
  );
}
