import { Building2, Sparkles } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n/index.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { LanguageSwitch } from '../../ui/LanguageSwitch.js';
import { useCall } from '../../ui/use-call.js';

/** First run: try the sample association, or create one's own (name, sites, e-mail, language, passphrase twice). */
export function WelcomeScreen() {
  const { t } = useTranslation('welcome');
  const { state, setState } = useApp();
  const [creating, setCreating] = useState(false);
  const sample = useCall('workspace.openSample');
  const [samplePassphrase, setSamplePassphrase] = useState<string | null>(null);

  async function trySample() {
    const result = await sample.run({});
    if (result) {
      setSamplePassphrase(result.passphrase);
      setState({ ...state, workspace: result.summary });
    }
  }

  return (
    <main className="welcome" id="main">
      <header className="welcome-head">
        <img src="./icon.svg" alt="" width={56} height={56} />
        <h1>{t('title')}</h1>
        <p>{t('intro')}</p>
        <LanguageSwitch />
      </header>
      {samplePassphrase && (
        <p role="status">{t('samplePassphrase', { passphrase: samplePassphrase })}</p>
      )}
      {creating ? (
        <CreateWizard onCancel={() => setCreating(false)} />
      ) : (
        <div className="choices">
          <section className="card choice">
            <Sparkles aria-hidden size={28} />
            <h2>{t('sample.title')}</h2>
            <p>{t('sample.text')}</p>
            <button
              type="button"
              onClick={() => void trySample()}
              disabled={sample.pending}
              aria-busy={sample.pending}
            >
              {sample.pending ? t('sample.preparing') : t('sample.button')}
            </button>
            <ErrorNote error={sample.error} />
          </section>
          <section className="card choice">
            <Building2 aria-hidden size={28} />
            <h2>{t('create.title')}</h2>
            <p>{t('create.text')}</p>
            <button type="button" onClick={() => setCreating(true)}>
              {t('create.button')}
            </button>
          </section>
        </div>
      )}
      {state.recentWorkspaces.length > 0 && <RecentWorkspaces />}
    </main>
  );
}

function RecentWorkspaces() {
  const { t } = useTranslation('welcome');
  const { state, setState } = useApp();
  const open = useCall('workspace.open');
  return (
    <section className="recent">
      <h2>{t('recent')}</h2>
      <ul>
        {state.recentWorkspaces.map((dir) => (
          <li key={dir}>
            <button
              type="button"
              className="link"
              onClick={async () => {
                const summary = await open.run({ dir });
                if (summary) setState({ ...state, workspace: summary });
              }}
            >
              {dir}
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote error={open.error} />
    </section>
  );
}

function CreateWizard({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation('welcome');
  const { state, setState } = useApp();
  const create = useCall('workspace.create');
  const [form, setForm] = useState({
    name: '',
    url: 'https://',
    siteUrl: 'https://',
    email: '',
    language: state.language as Language,
    passphrase: '',
    confirm: '',
    dir: '',
  });
  const [mismatch, setMismatch] = useState(false);
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) =>
      setForm({ ...form, [key]: event.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.passphrase !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const summary = await create.run({
      name: form.name,
      url: form.url,
      siteUrl: form.siteUrl,
      email: form.email || undefined,
      language: form.language,
      passphrase: form.passphrase,
      dir: form.dir || undefined,
    });
    if (summary) setState({ ...state, language: form.language, workspace: summary });
  }

  return (
    <form className="card form wizard" onSubmit={submit} aria-labelledby="wizard-title">
      <h2 id="wizard-title">{t('create.title')}</h2>
      <label>
        {t('wizard.name')}
        <input {...field('name')} required maxLength={200} autoFocus />
      </label>
      <label>
        {t('wizard.url')}
        <input {...field('url')} type="url" required />
        <small>{t('wizard.urlHelp')}</small>
      </label>
      <label>
        {t('wizard.siteUrl')}
        <input {...field('siteUrl')} type="url" required />
        <small>{t('wizard.siteUrlHelp')}</small>
      </label>
      <label>
        {t('wizard.email')}
        <input {...field('email')} type="email" />
      </label>
      <label>
        {t('wizard.language')}
        <select {...field('language')}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
      <label>
        {t('wizard.folder')}
        <input {...field('dir')} placeholder={t('wizard.folderDefault')} />
      </label>
      <label>
        {t('wizard.passphrase')}
        <input
          {...field('passphrase')}
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
        />
        <small>{t('wizard.passphraseHelp')}</small>
      </label>
      <label>
        {t('wizard.confirm')}
        <input
          {...field('confirm')}
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'mismatch' : undefined}
        />
      </label>
      {mismatch && (
        <p className="error-note" role="alert" id="mismatch">
          {t('wizard.mismatch')}
        </p>
      )}
      <ErrorNote error={create.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common:cancel')}
        </button>
        <button type="submit" disabled={create.pending} aria-busy={create.pending}>
          {create.pending ? t('wizard.creating') : t('wizard.submit')}
        </button>
      </div>
    </form>
  );
}
