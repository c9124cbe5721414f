/** Small labelled inputs for the properties panel. Each change is a document operation. */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Colour, Fill } from '../../../shared/design/model.js';

export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step = 1,
}: {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  step?: number;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        value={Math.round(value * 100) / 100}
        min={min}
        max={max}
        step={step}
        onChange={(e) => {
          const next = e.target.valueAsNumber;
          if (Number.isFinite(next)) {
            onChange(Math.min(max ?? Infinity, Math.max(min ?? -Infinity, next)));
          }
        }}
      />
    </label>
  );
}

/** `#rrggbb` for the colour input (which has no alpha). */
const opaque = (colour: Colour) => colour.slice(0, 7).toLowerCase();

export function ColourField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Colour;
  onChange(value: Colour): void;
}) {
  return (
    <label className="field colour">
      <span>{label}</span>
      <input type="color" value={opaque(value)} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange(value: T): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CheckField({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="field check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

export function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="prop-group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

type FillKind = 'none' | Fill['kind'];

/** Solid colour, linear or radial gradient (two colours), or none where allowed. */
export function FillEditor({
  label,
  fill,
  allowNone,
  onChange,
}: {
  label: string;
  fill: Fill | null;
  allowNone: boolean;
  onChange(fill: Fill | null): void;
}) {
  const { t } = useTranslation('designer');
  const kind: FillKind = fill?.kind ?? 'none';
  const first =
    fill === null ? '#f59e0b' : fill.kind === 'solid' ? fill.color : fill.stops[0]!.color;
  const last =
    fill === null ? '#b45309' : fill.kind === 'solid' ? fill.color : fill.stops.at(-1)!.color;
  const stops = (a: Colour, b: Colour) => [
    { offset: 0, color: a },
    { offset: 1, color: b },
  ];
  function make(next: FillKind, a = first, b = last): Fill | null {
    if (next === 'none') return null;
    if (next === 'solid') return { kind: 'solid', color: a };
    if (next === 'linear') {
      return {
        kind: 'linear',
        angle: fill?.kind === 'linear' ? fill.angle : 90,
        stops: stops(a, b),
      };
    }
    return { kind: 'radial', cx: 0.5, cy: 0.4, r: 0.7, stops: stops(a, b) };
  }
  const kinds: [FillKind, string][] = [
    ...(allowNone ? ([['none', t('fill.none')]] as [FillKind, string][]) : []),
    ['solid', t('fill.solid')],
    ['linear', t('fill.linear')],
    ['radial', t('fill.radial')],
  ];
  return (
    <div className="fill-editor">
      <SelectField
        label={label}
        value={kind}
        options={kinds}
        onChange={(next) => onChange(make(next))}
      />
      {fill !== null && (
        <div className="field-row">
          <ColourField
            label={fill.kind === 'solid' ? t('fill.colour') : t('fill.from')}
            value={first}
            onChange={(colour) => onChange(make(kind, colour, last))}
          />
          {fill.kind !== 'solid' && (
            <ColourField
              label={t('fill.to')}
              value={last}
              onChange={(colour) => onChange(make(kind, first, colour))}
            />
          )}
          {fill.kind === 'linear' && (
            <NumberField
              label={t('fill.angle')}
              value={fill.angle}
              min={-360}
              max={360}
              onChange={(angle) => onChange({ ...fill, angle })}
            />
          )}
        </div>
      )}
    </div>
  );
}
