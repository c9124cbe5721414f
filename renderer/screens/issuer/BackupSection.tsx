import { Dialog } from 'radix-ui';
import { ArchiveRestore, DatabaseBackup, FileKey, FolderInput } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BadgeErrorShape } from '../../../shared/errors.js';
import type { ResValue } from '../../../shared/ipc/contract/index.js';
import { downloadBase64, fileToBase64 } from '../../platform/api.js';
import { useApp } from '../../ui/app-context.js';
import { ErrorNote } from '../../ui/ErrorNote.js';
import { FileDrop } from '../../ui/FileDrop.js';
import { currentLang } from '../../ui/messages.js';
import { useCall } from '../../ui/use-call.js';
import { Checkbox } from '../../ui/Checkbox.js';

type DialogId = 'backup' | 'export' | 'import' | 'restore';

/** Backing up (the whole workspace, or the keys alone) and restoring, each in its own dialog. */
export function BackupSection({ suggestedFile }: { suggestedFile: string }) {
  const { t } = useTranslation('issuer');
  const { ensureUnlocked } = useApp();
  const [open, setOpen] = useState<DialogId | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function start(id: DialogId, needsKeys: boolean) {
    setDone(null);
    if (needsKeys && !(await ensureUnlocked())) return;
    setOpen(id);
  }
  const finish = (message: string) => {
    setOpen(null);
    setDone(message);
  };
  const dialog = (id: DialogId) => ({
    open: open === id,
    onOpenChange: (next: boolean) => setOpen(next ? id : null),
  });

  return (
    <section className="card" aria-labelledby="backup-title">
      <h2 id="backup-title">{t('backup.title')}</h2>
      <p className="muted">{t('backup.intro')}</p>
      <div className="backup-actions">
        <button type="button" onClick={() => void start('backup', true)}>
          <DatabaseBackup aria-hidden size={16} /> {t('backup.workspace')}
        </button>
        <button type="button" className="secondary" onClick={() => void start('export', true)}>
          <FileKey aria-hidden size={16} /> {t('backup.exportKeys')}
        </button>
        <button type="button" className="secondary" onClick={() => void start('import', true)}>
          <ArchiveRestore aria-hidden size={16} /> {t('backup.importKeys')}
        </button>
        <button type="button" className="secondary" onClick={() => void start('restore', false)}>
          <FolderInput aria-hidden size={16} /> {t('backup.restore')}
        </button>
      </div>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <BackupDialog {...dialog('backup')} suggestedFile={suggestedFile} onDone={finish} />
      <ExportKeysDialog {...dialog('export')} onDone={finish} />
      <ImportKeysDialog {...dialog('import')} onDone={finish} />
      <RestoreDialog {...dialog('restore')} suggestedFile={suggestedFile} onDone={finish} />
    </section>
  );
}

interface DialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  onDone(message: string): void;
}

function FormDialog({
  open,
  onOpenChange,
  title,
  description,
  error,
  pending,
  submitLabel,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description: string;
  error: BadgeErrorShape | null;
  pending: boolean;
  submitLabel: string;
  onSubmit(): void | Promise<void>;
  children: ReactNode;
}) {
  const { t } = useTranslation('common');
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description>{description}</Dialog.Description>
          <form
            className="form"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              void onSubmit();
            }}
          >
            {children}
            <ErrorNote error={error} />
            <div className="actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {t('cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" disabled={pending} aria-busy={pending}>
                {submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1048576).toLocaleString(currentLang(), { maximumFractionDigits: 1 });
}

function BackupDialog({
  suggestedFile,
  onDone,
  ...props
}: DialogProps & { suggestedFile: string }) {
  const { t } = useTranslation('issuer');
  const { state } = useApp();
  const backup = useCall('backup.create');
  const [path, setPath] = useState(suggestedFile);
  const [overwrite, setOverwrite] = useState(false);
  const [download, setDownload] = useState(state.transport === 'loopback');

  async function submit() {
    const result = await backup.run({ path, overwrite, download });
    if (!result) return;
    if (result.base64) {
      downloadBase64(result.file.split(/[\\/]/).pop() ?? 'backup.bsw', result.base64);
    }
    onDone(
      [
        t('backup.written', {
          file: result.file,
          size: megabytes(result.bytes),
          count: result.files,
        }),
        result.notBackedUp.length > 0
          ? t('backup.notBackedUp', { count: result.notBackedUp.length })
          : '',
      ].join(' '),
    );
  }

  return (
    <FormDialog
      {...props}
      title={t('backup.workspaceTitle')}
      description={t('backup.workspaceText')}
      error={backup.error}
      pending={backup.pending}
      submitLabel={t('backup.workspaceSubmit')}
      onSubmit={submit}
    >
      <label>
        {t('backup.path')}
        <input value={path} onChange={(e) => setPath(e.target.value)} required />
        <small>{t('backup.pathHelp')}</small>
      </label>
      <Checkbox checked={overwrite} onChange={setOverwrite}>
        {t('backup.overwrite')}
      </Checkbox>
      <Checkbox checked={download} onChange={setDownload}>
        {t('backup.download')}
      </Checkbox>
    </FormDialog>
  );
}

function PassphraseTwice({
  value,
  onChange,
  mismatch,
}: {
  value: { passphrase: string; confirm: string };
  onChange(value: { passphrase: string; confirm: string }): void;
  mismatch: boolean;
}) {
  const { t } = useTranslation('issuer');
  return (
    <>
      <label>
        {t('passphrase.new')}
        <input
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          value={value.passphrase}
          onChange={(e) => onChange({ ...value, passphrase: e.target.value })}
        />
        <small>{t('passphrase.newHelp')}</small>
      </label>
      <label>
        {t('passphrase.confirm')}
        <input
          type="password"
          autoComplete="new-password"
          required
          value={value.confirm}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'passphrase-mismatch' : undefined}
          onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        />
      </label>
      {mismatch && (
        <p className="error-note" role="alert" id="passphrase-mismatch">
          {t('passphrase.mismatch')}
        </p>
      )}
    </>
  );
}

function ExportKeysDialog({ onDone, ...props }: DialogProps) {
  const { t } = useTranslation('issuer');
  const exportKeys = useCall('keys.export');
  const [value, setValue] = useState({ passphrase: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);

  async function submit() {
    if (value.passphrase !== value.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const result = await exportKeys.run(value);
    if (!result) return;
    downloadBase64(result.name, result.base64);
    setValue({ passphrase: '', confirm: '' });
    onDone(t('export.done', { count: result.keys, file: result.name }));
  }

  return (
    <FormDialog
      {...props}
      title={t('export.title')}
      description={t('export.text')}
      error={exportKeys.error}
      pending={exportKeys.pending}
      submitLabel={t('export.submit')}
      onSubmit={submit}
    >
      <PassphraseTwice value={value} onChange={setValue} mismatch={mismatch} />
    </FormDialog>
  );
}

function ImportKeysDialog({ onDone, ...props }: DialogProps) {
  const { t } = useTranslation('issuer');
  const importKeys = useCall('keys.import');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState(false);

  async function submit() {
    if (!file) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const result = await importKeys.run({
      file: { name: file.name, base64: await fileToBase64(file) },
      passphrase,
    });
    if (!result) return;
    setPassphrase('');
    onDone(t('import.done', { count: result.imported, skipped: result.skipped }));
  }

  return (
    <FormDialog
      {...props}
      title={t('import.title')}
      description={t('import.text')}
      error={importKeys.error}
      pending={importKeys.pending}
      submitLabel={t('import.submit')}
      onSubmit={submit}
    >
      <FileDrop
        choose={t('chooseFile')}
        label={t('import.file')}
        hint={t('import.fileHint')}
        accept={{ 'application/octet-stream': ['.bsk', '.json'] }}
        file={file}
        onFile={setFile}
      />
      {missing && (
        <p className="error-note" role="alert">
          {t('import.fileMissing')}
        </p>
      )}
      <label>
        {t('passphrase.backup')}
        <input
          type="password"
          autoComplete="off"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
    </FormDialog>
  );
}

function RestoreDialog({
  suggestedFile,
  onDone,
  ...props
}: DialogProps & { suggestedFile: string }) {
  const { t } = useTranslation('issuer');
  const { state, setState } = useApp();
  const restore = useCall('backup.restore');
  const open = useCall('workspace.open');
  const folder = suggestedFile.replace(/[^\\/]*$/, '');
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState('');
  const [targetDir, setTargetDir] = useState(`${folder}restored-workspace`);
  const [passphrase, setPassphrase] = useState('');
  const [restored, setRestored] = useState<ResValue<'backup.restore'> | null>(null);
  const [missing, setMissing] = useState(false);

  async function submit() {
    setMissing(!file && !path.trim());
    if (!file && !path.trim()) return;
    const result = await restore.run({
      ...(file ? { file: { name: file.name, base64: await fileToBase64(file) } } : {}),
      ...(!file && path ? { path } : {}),
      targetDir,
      passphrase,
    });
    if (!result) return;
    setPassphrase('');
    setRestored(result);
  }

  async function openRestored() {
    if (!restored) return;
    const summary = await open.run({ dir: restored.workspaceDir });
    if (summary) {
      setState({ ...state, workspace: summary });
      onDone(t('restore.opened', { name: restored.issuer.name }));
    }
  }

  if (restored) {
    return (
      <Dialog.Root open={props.open} onOpenChange={props.onOpenChange}>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog">
            <Dialog.Title>{t('restore.doneTitle')}</Dialog.Title>
            <Dialog.Description>
              {t('restore.done', {
                dir: restored.workspaceDir,
                name: restored.issuer.name,
                badges: restored.counts.badges,
                credentials: restored.counts.credentials,
              })}
            </Dialog.Description>
            <ErrorNote error={open.error} />
            <div className="actions">
              <Dialog.Close asChild>
                <button type="button" className="secondary">
                  {t('common:close')}
                </button>
              </Dialog.Close>
              <button type="button" onClick={() => void openRestored()}>
                {t('restore.open')}
              </button>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    );
  }

  return (
    <FormDialog
      {...props}
      title={t('restore.title')}
      description={t('restore.text')}
      error={restore.error}
      pending={restore.pending}
      submitLabel={t('restore.submit')}
      onSubmit={submit}
    >
      <FileDrop
        choose={t('chooseFile')}
        label={t('restore.file')}
        hint={t('restore.fileHint')}
        file={file}
        onFile={setFile}
      />
      {missing && (
        <p className="error-note" role="alert">
          {t('restore.fileMissing')}
        </p>
      )}
      {!file && (
        <label>
          {t('restore.path')}
          <input value={path} onChange={(e) => setPath(e.target.value)} />
        </label>
      )}
      <label>
        {t('restore.target')}
        <input value={targetDir} onChange={(e) => setTargetDir(e.target.value)} required />
        <small>{t('restore.targetHelp')}</small>
      </label>
      <label>
        {t('passphrase.workspace')}
        <input
          type="password"
          autoComplete="off"
          required
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
        />
        <small>{t('passphrase.workspaceHelp')}</small>
      </label>
    </FormDialog>
  );
}
