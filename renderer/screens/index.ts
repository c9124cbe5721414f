/**
 * The screens behind the welcome screen, in navigation order. A screen adds one entry here and its
 * own translations in renderer/i18n/locales/<lang>/<namespace>.json (its `title` key names it).
 */
import type { ComponentType } from 'react';
import type { LucideIcon } from 'lucide-react';
import { House } from 'lucide-react';
import { HomeScreen } from './home/HomeScreen.js';

export interface ScreenEntry {
  /** Route: `#/<id>`. */
  id: string;
  /** i18n namespace whose `title` names the screen. */
  namespace: string;
  icon: LucideIcon;
  component: ComponentType;
}

export const screens: ScreenEntry[] = [
  { id: 'home', namespace: 'home', icon: House, component: HomeScreen },
];
