/**
 * A drop zone (react-dropzone) with a real button to pick the file instead: the zone itself is not
 * interactive, so keyboard and screen-reader users meet one control with a clear name.
 */
import { Upload } from 'lucide-react';
import { useId } from 'react';
import { useDropzone, type Accept } from 'react-dropzone';

export function FileDrop({
  label,
  hint,
  choose,
  accept,
  file,
  onFile,
}: {
  /** What the file is, e.g. "Badge image" (shown, and the start of the button's name). */
  label: string;
  /** Shown inside the zone, e.g. "Drop a PNG or SVG here". */
  hint: string;
  /** The button's text, e.g. "Choose a file…". */
  choose: string;
  accept?: Accept;
  /** The file chosen so far (its name is shown). */
  file?: File | null;
  onFile(file: File): void;
}) {
  const labelId = useId();
  const buttonId = useId();
  const hintId = useId();
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    ...(accept ? { accept } : {}),
    multiple: false,
    noClick: true,
    noKeyboard: true,
    onDropAccepted: (files) => {
      if (files[0]) onFile(files[0]);
    },
  });
  return (
    <div {...getRootProps({ className: 'dropzone' })} data-active={isDragActive}>
      <input {...getInputProps({ 'aria-labelledby': labelId })} />
      <Upload aria-hidden size={20} />
      <p>
        <strong id={labelId}>{label}</strong>
        <br />
        <span id={hintId}>{file ? file.name : hint}</span>
      </p>
      <button
        type="button"
        className="secondary"
        id={buttonId}
        onClick={open}
        aria-labelledby={`${labelId} ${buttonId}`}
        aria-describedby={hintId}
      >
        {choose}
      </button>
    </div>
  );
}
