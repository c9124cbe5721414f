import { FileUp, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { fileToBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';

export type OpenedDesign = ResValue<'designs.load'>;

/** Start here: a template (with its picture), a saved design, or a .badgesmith.json file. */
export function TemplatePicker({
  onOpen,
  onCancel,
}: {
  onOpen(design: OpenedDesign): void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('designer');
  const lang = currentLang() === 'fr' ? 'fr' : 'en';
  const templates = useCall('designs.templates');
  const saved = useCall('designs.list');
  const create = useCall('designs.create');
  const load = useCall('designs.load');
  const remove = useCall('designs.delete');
  const importFile = useCall('designs.importFile');
  const [templateList, setTemplateList] = useState<ResValue<'designs.templates'>>([]);
  const [designs, setDesigns] = useState<ResValue<'designs.list'>>([]);
  const runTemplates = templates.run;
  const runSaved = saved.run;

  useEffect(() => {
    void runTemplates({ language: lang }).then((list) => list && setTemplateList(list));
  }, [runTemplates, lang]);
  useEffect(() => {
    void runSaved({}).then((list) => list && setDesigns(list));
  }, [runSaved]);

  const dropzone = useDropzone({
    multiple: false,
    accept: { 'application/json': ['.json'] },
    onDrop: async ([file]) => {
      if (!file) return;
      const opened = await importFile.run({
        file: { name: file.name, base64: await fileToBase64(file) },
      });
      if (opened) onOpen(opened);
    },
  });

  return (
    <section className="template-picker" aria-labelledby="designer-start">
      <div className="designer-head">
        <h1 id="designer-start">{t('start.title')}</h1>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('start.back')}
          </button>
        )}
      </div>
      <p className="lead">{t('start.lead')}</p>
      <h2>{t('start.templates')}</h2>
      <ErrorNote error={templates.error ?? create.error} />
      <ul className="template-grid">
        {templateList.map((template) => (
          <li key={template.id}>
            <button
              type="button"
              className="template-card"
              disabled={create.pending}
              onClick={async () => {
                const opened = await create.run({ template: template.id, language: lang });
                if (opened) onOpen(opened);
              }}
            >
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(template.thumbnail)}`}
                alt=""
                width={96}
                height={96}
              />
              <span>{template.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>{t('start.saved')}</h2>
      <ErrorNote error={saved.error ?? load.error ?? remove.error} />
      {designs.length === 0 ? (
        <p className="muted">{t('start.none')}</p>
      ) : (
        <ul className="saved-designs">
          {designs.map((design) => (
            <li key={design.id}>
              <button
                type="button"
                className="link"
                onClick={async () => {
                  const opened = await load.run({ id: design.id });
                  if (opened) onOpen(opened);
                }}
              >
                {design.name}
              </button>
              {design.badgeId && (
                <span className="tag">{t('start.linked', { badge: design.badgeId })}</span>
              )}
              <button
                type="button"
                className="secondary icon-button"
                aria-label={t('start.delete', { name: design.name })}
                title={t('start.delete', { name: design.name })}
                onClick={async () => {
                  if (!window.confirm(t('start.confirmDelete', { name: design.name }))) return;
                  const done = await remove.run({ id: design.id });
                  if (done) setDesigns((list) => list.filter((d) => d.id !== design.id));
                }}
              >
                <Trash2 aria-hidden size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('start.import')}</h2>
      <div
        {...dropzone.getRootProps({ className: 'dropzone' })}
        data-active={dropzone.isDragActive}
      >
        <input {...dropzone.getInputProps({ 'aria-label': t('start.importLabel') })} />
        <FileUp aria-hidden size={20} /> {t('start.importHint')}
      </div>
      <ErrorNote error={importFile.error} />
    </section>
  );
}
