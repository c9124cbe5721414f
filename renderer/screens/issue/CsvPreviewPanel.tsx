import { useTranslation } from 'react-i18next';
import { counted } from './counted.js';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { csvFields } from '../../../shared/ipc/contract/issue.js';
import { errorText } from '../../ui/messages.js';

export type CsvPreview = ResValue<'issue.preview'>;
export type CsvField = (typeof csvFields)[number];

/** Rejected rows listed on the screen (the count says how many more). */
const REJECTED_SHOWN = 200;

/** The columns with a select each (what they hold), the first rows, then every rejected row and why. */
export function CsvPreviewPanel({
  preview,
  fields,
  onFieldChange,
}: {
  preview: CsvPreview;
  fields: (CsvField | null)[];
  onFieldChange(index: number, field: CsvField | null): void;
}) {
  const { t } = useTranslation('issue');
  const rejectedLines = new Set(preview.rejected.map((row) => row.line));
  return (
    <>
      <p
        className={preview.recognised ? 'muted' : 'warning'}
        role={preview.recognised ? undefined : 'alert'}
      >
        {preview.recognised ? t('preview.recognised') : t('preview.notRecognised')}
      </p>
      <div className="table-wrap">
        <table className="csv-preview">
          <caption className="muted">
            {t('preview.firstRows', { count: preview.rows.length })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('preview.line')}</th>
              {preview.columns.map((column) => (
                <th scope="col" key={column.index}>
                  <span className="column-header">{column.header || `#${column.index + 1}`}</span>
                  <select
                    aria-label={t('preview.columnLabel', {
                      header: column.header || `#${column.index + 1}`,
                    })}
                    value={fields[column.index] ?? ''}
                    onChange={(event) =>
                      onFieldChange(column.index, (event.target.value || null) as CsvField | null)
                    }
                  >
                    <option value="">{t('fields.none')}</option>
                    {csvFields.map((field) => (
                      <option key={field} value={field}>
                        {t(`fields.${field}`)}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.line} className={rejectedLines.has(row.line) ? 'rejected' : undefined}>
                <th scope="row">{row.line}</th>
                {preview.columns.map((column) => (
                  <td key={column.index}>{row.values[column.index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.recognised && <p>{t('preview.ready', counted(preview.valid))}</p>}
      {preview.warnings.length > 0 && (
        <div className="notice">
          <p>{t('preview.warnings')}</p>
          <ul>
            {preview.warnings.map((warning, index) => (
              <li key={index}>{errorText({ code: warning.code as `ERR_${string}` })}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.rejectedTotal > 0 && <RejectedRows preview={preview} />}
    </>
  );
}

function RejectedRows({ preview }: { preview: CsvPreview }) {
  const { t } = useTranslation('issue');
  const shown = preview.rejected.slice(0, REJECTED_SHOWN);
  return (
    <section className="rejected-rows" aria-labelledby="rejected-title">
      <h3 id="rejected-title">{t('preview.rejectedTitle', counted(preview.rejectedTotal))}</h3>
      <p className="muted">{t('preview.rejectedHint')}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('preview.line')}</th>
              <th scope="col">{t('preview.email')}</th>
              <th scope="col">{t('preview.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.line}>
                <th scope="row">{row.line}</th>
                <td>{row.email ?? '—'}</td>
                <td>
                  {row.problems.map((problem, index) => (
                    <p key={index} className="reason">
                      {errorText({ code: problem.code as `ERR_${string}` })}{' '}
                      <code className="error-code">{problem.code}</code>
                    </p>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.rejectedTotal > shown.length && (
        <p className="muted">{t('preview.more', counted(preview.rejectedTotal - shown.length))}</p>
      )}
    </section>
  );
}
