import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DESIGN_FIELDS,
  FONT_FAMILIES,
  FRAME_SHAPES,
  type BadgeDesign,
  type Fill,
  type FontFamily,
  type FrameShape,
  type Layer,
  type Shadow,
  type TextLayer,
} from '../../../shared/design/model.js';
import {
  renameDesign,
  setBackground,
  setFrame,
  updateLayer,
  type LayerPatch,
} from '../../../shared/design/ops.js';
import type { DesignStore, DesignerState } from '../../designer/store.js';
import { CheckField, ColourField, FillEditor, Group, NumberField, SelectField } from './fields.js';

const WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
const DEFAULT_SHADOW: Shadow = { color: '#00000066', blur: 8, offsetX: 0, offsetY: 4 };

/** The selected layer's properties, or the design's when nothing is selected. */
export function PropertiesPanel({
  store,
  state,
  onChangeIcon,
}: {
  store: DesignStore;
  state: DesignerState;
  onChangeIcon(): void;
}) {
  const { t } = useTranslation('designer');
  const selected = state.document.layers.filter((l) => state.session.selection.includes(l.id));
  return (
    <div
      className="properties"
      // Everything typed or dragged while one field has focus is one undo step.
      onFocusCapture={() => store.mark('properties')}
      onBlurCapture={() => store.endGesture()}
    >
      <h2>{t('properties.title')}</h2>
      {selected.length === 0 && <DesignProperties store={store} design={state.document} />}
      {selected.length === 1 && (
        <LayerProperties store={store} layer={selected[0]!} onChangeIcon={onChangeIcon} />
      )}
      {selected.length > 1 && (
        <p className="muted">{t('properties.many', { count: selected.length })}</p>
      )}
    </div>
  );
}

function DesignProperties({ store, design }: { store: DesignStore; design: BadgeDesign }) {
  const { t } = useTranslation('designer');
  const border = design.frame.border;
  return (
    <>
      <Group title={t('properties.design')}>
        <label className="field">
          <span>{t('properties.designName')}</span>
          <input
            value={design.name}
            maxLength={200}
            onChange={(e) => store.apply((d) => renameDesign(d, e.target.value))}
          />
        </label>
        <SelectField<FrameShape>
          label={t('properties.frame')}
          value={design.frame.shape}
          options={FRAME_SHAPES.map((shape) => [shape, t(`frame.${shape}`)] as const)}
          onChange={(shape) => store.apply((d) => setFrame(d, { shape }))}
        />
        <FillEditor
          label={t('properties.background')}
          fill={design.background}
          allowNone={false}
          onChange={(fill) => fill && store.apply((d) => setBackground(d, fill))}
        />
        <CheckField
          label={t('properties.border')}
          checked={border !== null}
          onChange={(on) =>
            store.apply((d) =>
              setFrame(d, { border: on ? { color: '#d4a73a', width: 10, dash: [] } : null }),
            )
          }
        />
        {border && (
          <div className="field-row">
            <ColourField
              label={t('properties.borderColour')}
              value={border.color}
              onChange={(color) =>
                store.apply((d) => setFrame(d, { border: { ...border, color } }))
              }
            />
            <NumberField
              label={t('properties.borderWidth')}
              value={border.width}
              min={0}
              max={100}
              onChange={(width) =>
                store.apply((d) => setFrame(d, { border: { ...border, width } }))
              }
            />
          </div>
        )}
        <CheckField
          label={t('properties.clip')}
          checked={design.frame.clip}
          onChange={(clip) => store.apply((d) => setFrame(d, { clip }))}
        />
      </Group>
    </>
  );
}

function LayerProperties({
  store,
  layer,
  onChangeIcon,
}: {
  store: DesignStore;
  layer: Layer;
  onChangeIcon(): void;
}) {
  const { t } = useTranslation('designer');
  const patch = (change: LayerPatch) => store.apply((d) => updateLayer(d, layer.id, change));
  return (
    <>
      <Group title={t('properties.layer')}>
        <label className="field">
          <span>{t('properties.name')}</span>
          <input
            value={layer.name}
            maxLength={200}
            onChange={(e) => patch({ name: e.target.value })}
          />
        </label>
        <div className="field-row">
          <NumberField label="X" value={layer.x} onChange={(x) => patch({ x })} />
          <NumberField label="Y" value={layer.y} onChange={(y) => patch({ y })} />
        </div>
        <div className="field-row">
          <NumberField
            label={t('properties.width')}
            value={layer.width}
            min={1}
            onChange={(width) => patch({ width })}
          />
          <NumberField
            label={t('properties.height')}
            value={layer.height}
            min={1}
            onChange={(height) => patch({ height })}
          />
        </div>
        <div className="field-row">
          <NumberField
            label={t('properties.rotation')}
            value={layer.rotation}
            min={-360}
            max={360}
            onChange={(rotation) => patch({ rotation })}
          />
          <NumberField
            label={t('properties.opacity')}
            value={Math.round(layer.opacity * 100)}
            min={0}
            max={100}
            onChange={(opacity) => patch({ opacity: opacity / 100 })}
          />
        </div>
      </Group>
      {layer.type === 'shape' && (
        <Group title={t('properties.shape')}>
          {layer.shape !== 'line' && (
            <FillEditor
              label={t('properties.fill')}
              fill={layer.fill}
              allowNone
              onChange={(fill) => patch({ fill })}
            />
          )}
          <StrokeEditor layer={layer} patch={patch} />
          {layer.shape === 'rect' && (
            <NumberField
              label={t('properties.cornerRadius')}
              value={layer.cornerRadius}
              min={0}
              max={1000}
              onChange={(cornerRadius) => patch({ cornerRadius })}
            />
          )}
          {(layer.shape === 'polygon' || layer.shape === 'star') && (
            <NumberField
              label={t('properties.sides')}
              value={layer.sides}
              min={3}
              max={24}
              onChange={(sides) => patch({ sides })}
            />
          )}
        </Group>
      )}
      {layer.type === 'text' && <TextProperties layer={layer} patch={patch} />}
      {layer.type === 'icon' && (
        <Group title={t('properties.icon')}>
          <ColourField
            label={t('properties.iconColour')}
            value={layer.color}
            onChange={(color) => patch({ color })}
          />
          <NumberField
            label={t('properties.lineWidth')}
            value={layer.strokeWidth}
            min={0}
            max={12}
            step={0.5}
            onChange={(strokeWidth) => patch({ strokeWidth })}
          />
          <CheckField
            label={t('properties.iconFilled')}
            checked={layer.fillColor !== null}
            onChange={(on) => patch({ fillColor: on ? layer.color : null })}
          />
          {layer.fillColor !== null && (
            <ColourField
              label={t('properties.iconFill')}
              value={layer.fillColor}
              onChange={(fillColor) => patch({ fillColor })}
            />
          )}
          <button type="button" className="secondary" onClick={onChangeIcon}>
            {t('properties.changeIcon')}
          </button>
        </Group>
      )}
      {layer.type === 'image' && (
        <Group title={t('properties.image')}>
          <SelectField
            label={t('properties.fit')}
            value={layer.fit}
            options={[
              ['contain', t('fit.contain')],
              ['cover', t('fit.cover')],
              ['stretch', t('fit.stretch')],
            ]}
            onChange={(fit) => patch({ fit })}
          />
        </Group>
      )}
      <Group title={t('properties.shadow')}>
        <CheckField
          label={t('properties.shadowOn')}
          checked={layer.shadow !== null}
          onChange={(on) => patch({ shadow: on ? DEFAULT_SHADOW : null })}
        />
        {layer.shadow && (
          <div className="field-row">
            <ColourField
              label={t('properties.shadowColour')}
              value={layer.shadow.color}
              onChange={(color) => patch({ shadow: { ...layer.shadow!, color: `${color}66` } })}
            />
            <NumberField
              label={t('properties.blur')}
              value={layer.shadow.blur}
              min={0}
              max={100}
              onChange={(blur) => patch({ shadow: { ...layer.shadow!, blur } })}
            />
            <NumberField
              label={t('properties.offsetY')}
              value={layer.shadow.offsetY}
              min={-200}
              max={200}
              onChange={(offsetY) => patch({ shadow: { ...layer.shadow!, offsetY } })}
            />
          </div>
        )}
      </Group>
    </>
  );
}

function StrokeEditor({
  layer,
  patch,
}: {
  layer: Extract<Layer, { stroke: unknown }>;
  patch(change: LayerPatch): void;
}) {
  const { t } = useTranslation('designer');
  const stroke = layer.stroke;
  return (
    <>
      <CheckField
        label={t('properties.stroke')}
        checked={stroke !== null}
        onChange={(on) => patch({ stroke: on ? { color: '#1f2937', width: 4, dash: [] } : null })}
      />
      {stroke && (
        <div className="field-row">
          <ColourField
            label={t('properties.strokeColour')}
            value={stroke.color}
            onChange={(color) => patch({ stroke: { ...stroke, color } })}
          />
          <NumberField
            label={t('properties.strokeWidth')}
            value={stroke.width}
            min={0}
            max={200}
            onChange={(width) => patch({ stroke: { ...stroke, width } })}
          />
        </div>
      )}
    </>
  );
}

function TextProperties({ layer, patch }: { layer: TextLayer; patch(change: LayerPatch): void }) {
  const { t } = useTranslation('designer');
  const textRef = useRef<HTMLTextAreaElement>(null);
  function insertField(field: string) {
    const area = textRef.current;
    const at = area?.selectionStart ?? layer.text.length;
    const end = area?.selectionEnd ?? at;
    patch({ text: `${layer.text.slice(0, at)}{{${field}}}${layer.text.slice(end)}`.slice(0, 500) });
  }
  const font = layer.font;
  return (
    <Group title={t('properties.text')}>
      <label className="field">
        <span>{t('properties.words')}</span>
        <textarea
          ref={textRef}
          rows={2}
          maxLength={500}
          value={layer.text}
          onChange={(e) => patch({ text: e.target.value })}
        />
      </label>
      <div className="field-buttons" role="group" aria-label={t('properties.insertField')}>
        {DESIGN_FIELDS.map((field) => (
          <button
            key={field}
            type="button"
            className="secondary small"
            onClick={() => insertField(field)}
          >
            {t(`fields.${field.replace('.', '_')}`)}
          </button>
        ))}
      </div>
      <SelectField<FontFamily>
        label={t('properties.font')}
        value={font.family}
        options={FONT_FAMILIES.map((family) => [family, family] as const)}
        onChange={(family) => patch({ font: { ...font, family } })}
      />
      <div className="field-row">
        <SelectField
          label={t('properties.weight')}
          value={String(font.weight)}
          options={WEIGHTS.map((w) => [String(w), String(w)] as const)}
          onChange={(weight) => patch({ font: { ...font, weight: Number(weight) } })}
        />
        <NumberField
          label={t('properties.size')}
          value={font.size}
          min={1}
          max={2000}
          onChange={(size) => patch({ font: { ...font, size } })}
        />
      </div>
      <CheckField
        label={t('properties.italic')}
        checked={font.italic}
        onChange={(italic) => patch({ font: { ...font, italic } })}
      />
      <FillEditor
        label={t('properties.textColour')}
        fill={layer.fill}
        allowNone={false}
        onChange={(fill: Fill | null) => fill && patch({ fill })}
      />
      <SelectField
        label={t('properties.align')}
        value={layer.align}
        options={[
          ['left', t('align.left')],
          ['center', t('align.center')],
          ['right', t('align.right')],
        ]}
        onChange={(align) => patch({ align })}
      />
      <NumberField
        label={t('properties.letterSpacing')}
        value={layer.letterSpacing}
        min={-0.5}
        max={2}
        step={0.01}
        onChange={(letterSpacing) => patch({ letterSpacing })}
      />
      <SelectField
        label={t('properties.rim')}
        value={layer.arc?.side ?? 'none'}
        options={[
          ['none', t('rim.none')],
          ['top', t('rim.top')],
          ['bottom', t('rim.bottom')],
        ]}
        onChange={(side) =>
          patch({
            arc:
              side === 'none'
                ? null
                : {
                    side,
                    radius:
                      layer.arc?.radius ?? Math.round(Math.min(layer.width, layer.height) / 2),
                    maxAngle: layer.arc?.maxAngle ?? 150,
                  },
          })
        }
      />
      {layer.arc && (
        <NumberField
          label={t('properties.radius')}
          value={layer.arc.radius}
          min={1}
          max={5000}
          onChange={(radius) => patch({ arc: { ...layer.arc!, radius } })}
        />
      )}
    </Group>
  );
}
