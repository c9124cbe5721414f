import { ArrowLeft, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import type { Req, ResValue } from '../../../shared/ipc/contract/index.js';
import { fileToBase64 } from '../../platform/api.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { FileDrop } from '../../ui/FileDrop.js';
import { call, useCall } from '../../ui/use-call.js';
import { IMAGE_TYPES } from '../issuer/IssuerScreen.js';
import { imageSrc, type SvgRemovals } from '../issuer/RemovedNote.js';
import { DesignChooser } from './DesignChooser.js';
import { Endorsements } from './Endorsements.js';
import { Checkbox } from '../../ui/Checkbox.js';

type Draft = Req<'badges.create'>['draft'];
type Detail = ResValue<'badges.get'>;
type Format = Draft['formats'][number];

const FORMATS: Format[] = ['ob3-di', 'ob3-jwt', 'ob2-hosted', 'ob2-signed'];
const EXPIRY_PRESETS = ['', 'P6M', 'P1Y', 'P2Y', 'P3Y', 'P5Y'];
const PREVIEW_DELAY_MS = 350;

const emptyDraft: Draft = {
  name: '',
  description: '',
  criteriaNarrative: '',
  criteriaUrl: '',
  tags: [],
  alignments: [],
  achievementType: 'Badge',
  expiresAfter: '',
  formats: ['ob3-di'],
  showRecipientName: false,
  personalisedArtwork: false,
};

function draftOf(badge: Detail): Draft {
  return {
    name: badge.name,
    description: badge.description,
    criteriaNarrative: badge.criteriaNarrative ?? '',
    criteriaUrl: badge.criteriaUrl ?? '',
    tags: badge.tags,
    alignments: badge.alignments,
    achievementType: badge.achievementType,
    expiresAfter: badge.expiresAfter ?? '',
    formats: badge.formats,
    showRecipientName: badge.showRecipientName,
    personalisedArtwork: badge.personalisedArtwork,
  };
}

/** Every field of a badge class, with the badge page as the site will show it, updated as one types. */
export function BadgeEditor({
  badgeId,
  achievementTypes,
  badgeNames,
  onClose,
  onSaved,
}: {
  badgeId: string | null;
  achievementTypes: string[];
  /** Every badge's name by id (a design chosen here may be another badge's image). */
  badgeNames: ReadonlyMap<string, string>;
  onClose(): void;
  onSaved(saved: { name: string; removed: SvgRemovals }): void;
}) {
  const { t } = useTranslation('badges');
  const load = useCall('badges.get');
  const create = useCall('badges.create');
  const change = useCall('badges.update');
  const save = badgeId ? change : create;
  const [badge, setBadge] = useState<Detail | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [tagsText, setTagsText] = useState('');
  const [id, setId] = useState('');
  const [image, setImage] = useState<File | null>(null);
  const [imageUrl, setImageUrl] = useState<string | undefined>();
  const [customExpiry, setCustomExpiry] = useState(false);

  const [linked, setLinked] = useState<string | null>(null);

  useEffect(() => {
    if (!badgeId) return;
    void load.run({ id: badgeId }).then((value) => {
      if (!value) return;
      setBadge(value);
      setDraft(draftOf(value));
      setTagsText(value.tags.join(', '));
      setImageUrl(imageSrc(value.image));
      setCustomExpiry(!EXPIRY_PRESETS.includes(value.expiresAfter ?? ''));
    });
  }, [badgeId, load.run]);

  /** After a design became the image: the new image and whether it can be personalised (the fields typed stay). */
  async function reload() {
    if (!badgeId) return;
    const value = await load.run({ id: badgeId });
    if (!value) return;
    setBadge(value);
    setImageUrl(imageSrc(value.image));
  }

  useEffect(() => {
    if (!image) return undefined;
    const url = URL.createObjectURL(image);
    setImageUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [image]);

  const update = (changes: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...changes }));
  };
  const text = (key: 'name' | 'description' | 'criteriaNarrative' | 'criteriaUrl') => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => update({ [key]: event.target.value }),
  });

  // A dropped image replaces the design's, which alone can be personalised.
  const fromDesign = badge?.imageFromDesign === true && !image;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = image ? { image: { name: image.name, base64: await fileToBase64(image) } } : {};
    const saved = {
      ...draft,
      personalisedArtwork: fromDesign && draft.personalisedArtwork === true,
    };
    const result = badgeId
      ? await change.run({ id: badgeId, draft: saved, ...file })
      : await create.run({ draft: saved, ...(id.trim() ? { id: id.trim() } : {}), ...file });
    if (result) onSaved({ name: result.badge.name, removed: result.removed });
  }

  const title = badgeId ? t('editTitle', { name: badge?.name ?? '' }) : t('newTitle');

  return (
    <>
      <div className="screen-head">
        <h1>{title}</h1>
        <button type="button" className="secondary" onClick={onClose}>
          <ArrowLeft aria-hidden size={16} /> {t('back')}
        </button>
      </div>
      <ErrorNote error={load.error} />
      <div className="editor">
        <form className="card form" onSubmit={submit} aria-label={title}>
          <label>
            {t('field.name')}
            <input {...text('name')} required maxLength={200} />
          </label>
          {!badgeId && (
            <label>
              {t('field.id')}
              <input
                value={id}
                onChange={(e) => setId(e.target.value)}
                pattern="[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"
                placeholder={t('field.idPlaceholder')}
              />
              <small>{t('field.idHelp')}</small>
            </label>
          )}
          <label>
            {t('field.description')}
            <textarea {...text('description')} required rows={3} />
          </label>
          <fieldset>
            <legend>{t('field.criteria')}</legend>
            <label>
              {t('field.criteriaNarrative')}
              <textarea {...text('criteriaNarrative')} rows={3} />
            </label>
            <label>
              {t('field.criteriaUrl')}
              <input {...text('criteriaUrl')} type="url" placeholder="https://" />
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('field.image')}</legend>
            <div className="image-row">
              {imageUrl ? (
                <img src={imageUrl} alt={t('field.imageAlt')} className="thumb" />
              ) : (
                <p className="muted">{t('field.noImage')}</p>
              )}
              <FileDrop
                choose={t('chooseFile')}
                label={t('field.imageNew')}
                hint={t('field.imageHint')}
                accept={IMAGE_TYPES}
                file={image}
                onFile={setImage}
              />
            </div>
            <DesignChooser
              badgeId={badgeId}
              badgeName={draft.name || badge?.name || ''}
              badgeNames={badgeNames}
              onLinked={(design) => {
                setImage(null);
                setLinked(design.name);
                void reload();
              }}
            />
            {linked !== null && (
              <p role="status" className="muted">
                {t('design.linked', { design: linked })}
              </p>
            )}
          </fieldset>
          <label>
            {t('field.tags')}
            <input
              value={tagsText}
              onChange={(e) => {
                setTagsText(e.target.value);
                update({
                  tags: e.target.value
                    .split(',')
                    .map((tag) => tag.trim())
                    .filter(Boolean),
                });
              }}
            />
            <small>{t('field.tagsHelp')}</small>
          </label>
          <Alignments draft={draft} update={update} />
          <div className="two-columns">
            <label>
              {t('field.achievementType')}
              <input
                list="achievement-types"
                value={draft.achievementType}
                onChange={(e) => update({ achievementType: e.target.value })}
              />
              <datalist id="achievement-types">
                {achievementTypes.map((type) => (
                  <option key={type} value={type} />
                ))}
              </datalist>
              <small>{t('field.achievementTypeHelp')}</small>
            </label>
            <label>
              {t('field.expiry')}
              <select
                value={customExpiry ? 'custom' : draft.expiresAfter}
                onChange={(e) => {
                  const custom = e.target.value === 'custom';
                  setCustomExpiry(custom);
                  if (!custom) update({ expiresAfter: e.target.value });
                }}
              >
                {EXPIRY_PRESETS.map((preset) => (
                  <option key={preset} value={preset}>
                    {t(`expiry.${preset || 'never'}`)}
                  </option>
                ))}
                <option value="custom">{t('expiry.custom')}</option>
              </select>
            </label>
          </div>
          {customExpiry && (
            <label>
              {t('field.customExpiry')}
              <input
                value={draft.expiresAfter}
                onChange={(e) => update({ expiresAfter: e.target.value })}
                placeholder="P18M"
              />
              <small>{t('field.customExpiryHelp')}</small>
            </label>
          )}
          <fieldset>
            <legend>{t('field.formats')}</legend>
            {FORMATS.map((format) => (
              <Checkbox
                key={format}
                checked={draft.formats.includes(format)}
                onChange={(checked) =>
                  update({
                    formats: checked
                      ? FORMATS.filter((f) => f === format || draft.formats.includes(f))
                      : draft.formats.filter((f) => f !== format),
                  })
                }
              >
                {t(`formatLong.${format}`)}
              </Checkbox>
            ))}
          </fieldset>
          <Checkbox
            checked={draft.showRecipientName}
            onChange={(checked) => update({ showRecipientName: checked })}
          >
            {t('field.showName')}
          </Checkbox>
          <div className="checkbox-field">
            <Checkbox
              checked={fromDesign && draft.personalisedArtwork === true}
              disabled={!fromDesign}
              aria-describedby="personalised-help"
              onChange={(checked) => update({ personalisedArtwork: checked })}
            >
              {t('field.personalise')}
            </Checkbox>
            <small id="personalised-help" className="muted">
              {t('field.personaliseHelp')} {fromDesign ? '' : t('field.personaliseNeedsDesign')}
            </small>
          </div>
          <ErrorNote error={save.error} />
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              {t('common:cancel')}
            </button>
            <button type="submit" disabled={save.pending} aria-busy={save.pending}>
              {badgeId ? t('save') : t('create')}
            </button>
          </div>
        </form>
        <div className="side">
          <Preview badgeId={badgeId} draft={draft} image={image} />
          {badge && <Endorsements badge={badge} onChange={setBadge} />}
        </div>
      </div>
    </>
  );
}

function Alignments({ draft, update }: { draft: Draft; update(changes: Partial<Draft>): void }) {
  const { t } = useTranslation('badges');
  type Alignment = Draft['alignments'][number];
  const set = (index: number, changes: Partial<Alignment>) =>
    update({
      alignments: draft.alignments.map((a, i) => (i === index ? { ...a, ...changes } : a)),
    });
  return (
    <fieldset>
      <legend>{t('field.alignments')}</legend>
      <p className="muted">{t('field.alignmentsHelp')}</p>
      {draft.alignments.map((alignment, index) => (
        <div
          key={index}
          className="alignment"
          role="group"
          aria-label={t('alignment.group', { n: index + 1 })}
        >
          <label>
            {t('alignment.name')}
            <input
              value={alignment.targetName}
              onChange={(e) => set(index, { targetName: e.target.value })}
            />
          </label>
          <label>
            {t('alignment.url')}
            <input
              type="url"
              value={alignment.targetUrl}
              onChange={(e) => set(index, { targetUrl: e.target.value })}
            />
          </label>
          <label>
            {t('alignment.code')}
            <input
              value={alignment.targetCode ?? ''}
              onChange={(e) => set(index, { targetCode: e.target.value })}
            />
          </label>
          <label>
            {t('alignment.framework')}
            <input
              value={alignment.targetFramework ?? ''}
              onChange={(e) => set(index, { targetFramework: e.target.value })}
            />
          </label>
          <button
            type="button"
            className="link"
            onClick={() => update({ alignments: draft.alignments.filter((_, i) => i !== index) })}
          >
            <Trash2 aria-hidden size={14} /> {t('alignment.remove', { n: index + 1 })}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          update({ alignments: [...draft.alignments, { targetName: '', targetUrl: 'https://' }] })
        }
      >
        <Plus aria-hidden size={16} /> {t('alignment.add')}
      </button>
    </fieldset>
  );
}

/** The badge page rendered by main with the site's page builder, in a frame that runs nothing and loads nothing. */
function Preview({
  badgeId,
  draft,
  image,
}: {
  badgeId: string | null;
  draft: Draft;
  image: File | null;
}) {
  const { t } = useTranslation('badges');
  const [html, setHtml] = useState('');
  const [error, setError] = useState<BadgeErrorShape | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    const timer = setTimeout(async () => {
      // Half-typed web addresses are fine in a preview: they are checked when saving.
      const previewDraft = { ...draft, name: draft.name || t('untitled') };
      const file = image ? { image: { name: image.name, base64: await fileToBase64(image) } } : {};
      const result = await call('badges.preview', {
        draft: previewDraft,
        ...(badgeId ? { id: badgeId } : {}),
        ...file,
      });
      if (request !== latest.current) return;
      if (result.ok) {
        setHtml(result.value.html);
        setError(null);
      } else setError(result.error);
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [badgeId, draft, image, t]);

  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <p className="muted">{t('preview.text')}</p>
      <ErrorNote error={error} />
      <iframe title={t('preview.frame')} sandbox="" srcDoc={html} />
    </section>
  );
}
