/**
 * The screens behind the welcome screen, in navigation order. A screen adds one entry here and its
 * own translations in renderer/i18n/locales/<lang>/<namespace>.json (its `title` key names it).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { LucideIcon } from 'lucide-react';
import { Award, Globe, House, KeyRound, ShieldCheck, Users } from 'lucide-react';
import { BadgesScreen } from './badges/BadgesScreen.js';
import { HomeScreen } from './home/HomeScreen.js';
import { PenTool } from 'lucide-react';
import { IssuerScreen } from './issuer/IssuerScreen.js';
import { IssueScreen } from './issue/IssueScreen.js';
import { Send } from 'lucide-react';
import { PeopleScreen } from './people/PeopleScreen.js';
import { PublishScreen } from './publish/PublishScreen.js';
import { VerifyScreen } from './verify/VerifyScreen.js';

/** The designer (fabric and the canvas code) loads when first opened, so the first screen paints sooner. */
const DesignerScreen = lazy(() =>
  import('./designer/DesignerScreen.js').then((module) => ({ default: module.DesignerScreen })),
);

export interface ScreenEntry {
  /** Route: `#/<id>`. */
  id: string;
  /** i18n namespace whose `title` names the screen. */
  namespace: string;
  icon: LucideIcon;
  component: ComponentType | LazyExoticComponent<ComponentType>;
}

export const screens: ScreenEntry[] = [
  { id: 'home', namespace: 'home', icon: House, component: HomeScreen },
  { id: 'designer', namespace: 'designer', icon: PenTool, component: DesignerScreen },
  { id: 'issuer', namespace: 'issuer', icon: KeyRound, component: IssuerScreen },
  { id: 'badges', namespace: 'badges', icon: Award, component: BadgesScreen },
  { id: 'issue', namespace: 'issue', icon: Send, component: IssueScreen },
  { id: 'people', namespace: 'people', icon: Users, component: PeopleScreen },
  { id: 'publish', namespace: 'publish', icon: Globe, component: PublishScreen },
  { id: 'verify', namespace: 'verify', icon: ShieldCheck, component: VerifyScreen },
];
