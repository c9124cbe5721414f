import {
  AlignCenterHorizontal,
  AlignCenterVertical,
  AlignEndHorizontal,
  AlignEndVertical,
  AlignHorizontalDistributeCenter,
  AlignStartHorizontal,
  AlignStartVertical,
  AlignVerticalDistributeCenter,
  ArrowDownToLine,
  ArrowUpToLine,
  Circle,
  Copy,
  Frame,
  Hand,
  Hexagon,
  ImagePlus,
  Minus,
  Pentagon,
  Redo2,
  RectangleHorizontal,
  Ribbon,
  Shapes,
  Shield,
  Smile,
  Square,
  Star,
  Trash2,
  Type,
  Undo2,
  ZoomIn,
  ZoomOut,
  type LucideIcon,
} from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { executeAction, getAction } from '../../designer/actions/registry.js';
import type { DesignStore, DesignerState } from '../../designer/store.js';
import { ActionButton, actionLabel } from './ActionButton.js';

const FRAMES: [string, LucideIcon][] = [
  ['frameCircle', Circle],
  ['frameHexagon', Hexagon],
  ['frameShield', Shield],
  ['frameRoundedSquare', Square],
  ['frameStar', Star],
  ['frameRibbon', Ribbon],
];

const ARRANGE: [string, LucideIcon][] = [
  ['alignLeft', AlignStartVertical],
  ['alignCenter', AlignCenterVertical],
  ['alignRight', AlignEndVertical],
  ['alignTop', AlignStartHorizontal],
  ['alignMiddle', AlignCenterHorizontal],
  ['alignBottom', AlignEndHorizontal],
  ['distributeHorizontal', AlignHorizontalDistributeCenter],
  ['distributeVertical', AlignVerticalDistributeCenter],
  ['bringToFront', ArrowUpToLine],
  ['sendToBack', ArrowDownToLine],
];

/** A menu of registered actions (frames, alignment). */
function ActionMenu({
  store,
  state,
  label,
  icon: Icon,
  items,
}: {
  store: DesignStore;
  state: DesignerState;
  label: string;
  icon: LucideIcon;
  items: [string, LucideIcon][];
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="secondary" aria-label={label} title={label}>
          <Icon aria-hidden size={18} />
          <span>{label}</span>
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="start" sideOffset={4}>
          {items.map(([name, ItemIcon]) => (
            <DropdownMenu.Item
              key={name}
              className="menu-item"
              disabled={!getAction(name)!.enabled(state, store)}
              onSelect={() => executeAction(store, name)}
            >
              <ItemIcon aria-hidden size={16} /> {actionLabel(name).label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Every tool: history, frames, shapes, text, icon, picture, arrangement, zoom. */
export function Toolbar({
  store,
  state,
  onIcon,
  onImage,
}: {
  store: DesignStore;
  state: DesignerState;
  onIcon(): void;
  onImage(): void;
}) {
  const { t } = useTranslation('designer');
  const props = { store, state };
  return (
    <div className="designer-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="tool-group">
        <ActionButton {...props} name="undo" icon={Undo2} />
        <ActionButton {...props} name="redo" icon={Redo2} />
      </div>
      <div className="tool-group">
        <ActionMenu {...props} label={t('toolbar.frame')} icon={Frame} items={FRAMES} />
        <ActionMenu
          {...props}
          label={t('toolbar.shapes')}
          icon={Shapes}
          items={[
            ['addRectangle', RectangleHorizontal],
            ['addEllipse', Circle],
            ['addPolygon', Pentagon],
            ['addStar', Star],
            ['addLine', Minus],
            ['addBanner', Ribbon],
          ]}
        />
      </div>
      <div className="tool-group">
        <ActionButton {...props} name="addText" icon={Type} />
        <ActionButton {...props} name="addRimTop" icon={ArrowUpToLine} />
        <ActionButton {...props} name="addRimBottom" icon={ArrowDownToLine} />
        <button
          type="button"
          className="secondary icon-button"
          aria-label={t('toolbar.icon')}
          title={t('toolbar.icon')}
          onClick={onIcon}
        >
          <Smile aria-hidden size={18} />
        </button>
        <button
          type="button"
          className="secondary icon-button"
          aria-label={t('toolbar.image')}
          title={t('toolbar.image')}
          onClick={onImage}
        >
          <ImagePlus aria-hidden size={18} />
        </button>
      </div>
      <div className="tool-group">
        <ActionMenu
          {...props}
          label={t('toolbar.arrange')}
          icon={AlignCenterVertical}
          items={ARRANGE}
        />
        <ActionButton {...props} name="duplicate" icon={Copy} />
        <ActionButton {...props} name="delete" icon={Trash2} />
      </div>
      <div className="tool-group">
        <ActionButton {...props} name="zoomOut" icon={ZoomOut} />
        <output className="zoom" aria-label={t('toolbar.zoom')}>
          {Math.round(state.session.zoom * 100)} %
        </output>
        <ActionButton {...props} name="zoomIn" icon={ZoomIn} />
        <ActionButton
          {...props}
          name="handTool"
          icon={Hand}
          pressed={state.session.tool === 'hand'}
        />
      </div>
    </div>
  );
}
