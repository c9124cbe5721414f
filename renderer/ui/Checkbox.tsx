import type { InputHTMLAttributes, ReactNode } from 'react';

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'checked' | 'onChange' | 'children'
>;

/** A checkbox with its label around it (the label text is its accessible name). */
export function Checkbox({
  checked,
  onChange,
  children,
  ...input
}: InputProps & { checked: boolean; onChange(checked: boolean): void; children: ReactNode }) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        {...input}
      />
      {children}
    </label>
  );
}
