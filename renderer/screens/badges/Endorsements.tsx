import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { formatDate } from '../../../shared/messages/index.js';
import { fileToBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { FileDrop } from '../../ui/FileDrop.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';

type Detail = ResValue<'badges.get'>;
const JSON_FILES = { 'application/json': ['.json'], 'application/ld+json': ['.jsonld'] };

/** Endorsements of a badge, and attaching one received as a file (checked before it is attached). */
export function Endorsements({
  badge,
  onChange,
}: {
  badge: Detail;
  onChange(badge: Detail): void;
}) {
  const { t } = useTranslation('badges');
  const attach = useCall('badges.attachEndorsement');
  const [file, setFile] = useState<File | null>(null);
  const [didDocument, setDidDocument] = useState<File | null>(null);
  const [attached, setAttached] = useState(false);
  const lang = currentLang();

  async function submit() {
    if (!file) return;
    setAttached(false);
    const result = await attach.run({
      id: badge.id,
      file: { name: file.name, base64: await fileToBase64(file) },
      ...(didDocument
        ? { didDocuments: [{ name: didDocument.name, base64: await fileToBase64(didDocument) }] }
        : {}),
    });
    if (!result) return;
    setFile(null);
    setDidDocument(null);
    setAttached(true);
    onChange(result);
  }

  return (
    <section className="card" aria-labelledby="endorsements-title">
      <h2 id="endorsements-title">{t('endorsements.title')}</h2>
      {badge.endorsements.length === 0 ? (
        <p className="muted">{t('endorsements.none')}</p>
      ) : (
        <ul className="endorsements">
          {badge.endorsements.map((endorsement) => (
            <li key={endorsement.id}>
              <strong>{endorsement.endorser}</strong>
              {endorsement.comment && <> — “{endorsement.comment}”</>}
              <br />
              <small>
                {endorsement.received ? t('endorsements.received') : t('endorsements.own')}
                {endorsement.date && ` · ${formatDate(endorsement.date, lang)}`}
              </small>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('endorsements.attach')}</h3>
      <p className="muted">{t('endorsements.attachText')}</p>
      <div className="form">
        <FileDrop
          choose={t('chooseFile')}
          label={t('endorsements.file')}
          hint={t('endorsements.fileHint')}
          accept={JSON_FILES}
          file={file}
          onFile={setFile}
        />
        <FileDrop
          choose={t('chooseFile')}
          label={t('endorsements.didDocument')}
          hint={t('endorsements.didDocumentHint')}
          accept={JSON_FILES}
          file={didDocument}
          onFile={setDidDocument}
        />
        <ErrorNote error={attach.error} />
        {attached && (
          <p className="notice" role="status">
            {t('endorsements.attached')}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => void submit()} disabled={!file || attach.pending}>
            {t('endorsements.attachButton')}
          </button>
        </div>
      </div>
    </section>
  );
}
