import { useTranslation } from 'react-i18next';
import type { ResValue } from '../../../shared/ipc/contract/index.js';

export type SvgRemovals = ResValue<'issuer.update'>['removed'];

/** What the SVG sanitiser took out of an image the user brought, one line per kind of removal. */
export function RemovedNote({ removed }: { removed: SvgRemovals }) {
  const { t } = useTranslation('issuer');
  if (removed.length === 0) return null;
  return (
    <div className="warning" role="status">
      <p>{t('removed.title')}</p>
      <ul>
        {removed.map((item) => (
          <li key={`${item.kind}-${item.name}-${item.reason}`}>
            {t(`removed.reason.${item.reason}`, {
              defaultValue: t('removed.reason.not-allowed', { name: item.name, count: item.count }),
              name: item.name,
              count: item.count,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** An image sent by main, as an `<img src>`. */
export function imageSrc(
  image: { kind: 'png' | 'svg'; base64: string } | null,
): string | undefined {
  if (!image) return undefined;
  return `data:${image.kind === 'svg' ? 'image/svg+xml' : 'image/png'};base64,${image.base64}`;
}
