/** A drop zone (react-dropzone) that is also a button to pick a file: keyboard and screen-reader friendly. */
import { Upload } from 'lucide-react';
import { useId } from 'react';
import { useDropzone, type Accept } from 'react-dropzone';

export function FileDrop({
  label,
  hint,
  accept,
  file,
  onFile,
  describedBy,
}: {
  /** The accessible name, e.g. "Badge image". */
  label: string;
  /** Shown inside the zone, e.g. "Drop a PNG or SVG here, or click to choose one". */
  hint: string;
  accept?: Accept;
  /** The file chosen so far (its name is shown). */
  file?: File | null;
  onFile(file: File): void;
  describedBy?: string | undefined;
}) {
  const hintId = useId();
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    ...(accept ? { accept } : {}),
    multiple: false,
    onDropAccepted: (files) => {
      if (files[0]) onFile(files[0]);
    },
  });
  return (
    <div
      {...getRootProps({
        className: 'dropzone',
        role: 'button',
        'aria-label': label,
        'aria-describedby': [hintId, describedBy].filter(Boolean).join(' '),
      })}
      data-active={isDragActive}
    >
      <input {...getInputProps({ 'aria-label': label })} />
      <Upload aria-hidden size={20} />
      <p id={hintId}>{file ? file.name : hint}</p>
    </div>
  );
}
