import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { fileToBase64 } from '../../platform/api.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { FileDrop } from '../../ui/FileDrop.js';
import { useCall } from '../../ui/use-call.js';
import { BackupSection } from './BackupSection.js';
import { KeysSection } from './KeysSection.js';
import { imageSrc, RemovedNote, type SvgRemovals } from './RemovedNote.js';
import './issuer.css';

type Profile = ResValue<'issuer.get'>['profile'];

export const IMAGE_TYPES = { 'image/png': ['.png'], 'image/svg+xml': ['.svg'] };

/** The issuer profile, its keys (public parts only) and backups. */
export function IssuerScreen() {
  const { t } = useTranslation('issuer');
  const load = useCall('issuer.get');
  const [data, setData] = useState<ResValue<'issuer.get'> | null>(null);

  const reload = useCallback(async () => {
    const value = await load.run({});
    if (value) setData(value);
  }, [load.run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ErrorNote error={load.error} />
      {data && (
        <ProfileForm profile={data.profile} onSaved={(profile) => setData({ ...data, profile })} />
      )}
      <KeysSection />
      {data && <BackupSection suggestedFile={data.suggestedBackupFile} />}
    </>
  );
}

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved(profile: Profile): void }) {
  const { t } = useTranslation('issuer');
  const { refresh } = useApp();
  const save = useCall('issuer.update');
  const [form, setForm] = useState({
    name: profile.name,
    url: profile.url,
    email: profile.email ?? '',
    description: profile.description ?? '',
    language: profile.language,
  });
  const [image, setImage] = useState<File | null>(null);
  const [removeImage, setRemoveImage] = useState(false);
  const [saved, setSaved] = useState<{ removed: SvgRemovals } | null>(null);
  const [preview, setPreview] = useState<string | undefined>(imageSrc(profile.image));

  useEffect(() => {
    if (!image) return undefined;
    const url = URL.createObjectURL(image);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [image]);

  const field = (key: 'name' | 'url' | 'email' | 'description') => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => {
      setSaved(null);
      setForm({ ...form, [key]: event.target.value });
    },
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const result = await save.run({
      ...form,
      ...(image ? { image: { name: image.name, base64: await fileToBase64(image) } } : {}),
      ...(removeImage && !image ? { image: null } : {}),
    });
    if (!result) return;
    setImage(null);
    setRemoveImage(false);
    setPreview(imageSrc(result.profile.image));
    setSaved({ removed: result.removed });
    onSaved(result.profile);
    await refresh();
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">{t('profile.title')}</h2>
      <div className="issuer-grid">
        <div className="form">
          <label>
            {t('profile.name')}
            <input {...field('name')} required maxLength={200} />
          </label>
          <label>
            {t('profile.url')}
            <input {...field('url')} type="url" required />
          </label>
          <label>
            {t('profile.email')}
            <input {...field('email')} type="email" />
          </label>
          <label>
            {t('profile.description')}
            <textarea {...field('description')} rows={3} />
          </label>
          <label>
            {t('profile.language')}
            <select
              value={form.language}
              onChange={(event) =>
                setForm({ ...form, language: event.target.value === 'fr' ? 'fr' : 'en' })
              }
            >
              <option value="en">English</option>
              <option value="fr">Français</option>
            </select>
            <small>{t('profile.languageHelp')}</small>
          </label>
        </div>
        <div className="issuer-image">
          <span className="field-label" id="issuer-image-label">
            {t('profile.image')}
          </span>
          {preview && !removeImage ? (
            <img src={preview} alt={t('profile.imageAlt', { name: form.name })} />
          ) : (
            <p className="muted">{t('profile.noImage')}</p>
          )}
          <FileDrop
            choose={t('chooseFile')}
            label={t('profile.imageNew')}
            hint={t('profile.imageHint')}
            accept={IMAGE_TYPES}
            file={image}
            onFile={(file) => {
              setSaved(null);
              setRemoveImage(false);
              setImage(file);
            }}
          />
          {(profile.image || image) && !removeImage && (
            <button
              type="button"
              className="link"
              onClick={() => {
                setImage(null);
                setRemoveImage(true);
                setPreview(undefined);
              }}
            >
              {t('profile.removeImage')}
            </button>
          )}
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('profile.siteUrl')}</dt>
          <dd>
            <code>{profile.siteUrl}</code>
          </dd>
        </div>
        <div>
          <dt>{t('profile.did')}</dt>
          <dd>
            <code>{profile.did}</code>
          </dd>
        </div>
      </dl>
      <p className="muted">{t('profile.fixed')}</p>
      <ErrorNote error={save.error} />
      {saved && (
        <>
          <p className="notice" role="status">
            {t('profile.saved')}
          </p>
          <RemovedNote removed={saved.removed} />
        </>
      )}
      <div className="actions">
        <button type="submit" disabled={save.pending} aria-busy={save.pending}>
          {t('profile.save')}
        </button>
      </div>
    </form>
  );
}
