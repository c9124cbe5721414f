/** The native menu, in the app's language (English or French). */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuLanguage = 'en' | 'fr';

export interface MenuActions {
  newAssociation(): void;
  openWorkspace(): void;
  openSample(): void;
  openWebsite(): void;
  about(): void;
}

export interface MenuOptions {
  language: MenuLanguage;
  platform: NodeJS.Platform;
  /** Developer tools are offered only in a development build. */
  isPackaged: boolean;
  /** The project's website (package.json `homepage`); the entry is greyed out without one. */
  hasWebsite: boolean;
  actions: MenuActions;
}

const LABELS = {
  en: {
    file: '&File',
    newAssociation: 'New association…',
    openWorkspace: 'Open workspace…',
    openSample: 'Open the sample association',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: '&View',
    reload: 'Reload',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullScreen: 'Full screen',
    devTools: 'Developer tools',
    help: '&Help',
    website: 'Badgesmith website',
    about: 'About Badgesmith',
  },
  fr: {
    file: '&Fichier',
    newAssociation: 'Nouvelle association…',
    openWorkspace: 'Ouvrir un espace de travail…',
    openSample: 'Ouvrir l’association exemple',
    quit: 'Quitter',
    edit: '&Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: '&Affichage',
    reload: 'Recharger',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    resetZoom: 'Taille réelle',
    fullScreen: 'Plein écran',
    devTools: 'Outils de développement',
    help: '&Aide',
    website: 'Site web de Badgesmith',
    about: 'À propos de Badgesmith',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const l = LABELS[options.language];
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      {
        id: 'new-association',
        label: l.newAssociation,
        accelerator: 'CmdOrCtrl+N',
        click: () => actions.newAssociation(),
      },
      {
        id: 'open-workspace',
        label: l.openWorkspace,
        accelerator: 'CmdOrCtrl+O',
        click: () => actions.openWorkspace(),
      },
      { id: 'open-sample', label: l.openSample, click: () => actions.openSample() },
      ...(mac
        ? []
        : [{ type: 'separator' } as const, { id: 'quit', role: 'quit', label: l.quit } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { role: 'undo', label: l.undo },
      { role: 'redo', label: l.redo },
      { type: 'separator' },
      { role: 'cut', label: l.cut },
      { role: 'copy', label: l.copy },
      { role: 'paste', label: l.paste },
      { role: 'selectAll', label: l.selectAll },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      { role: 'reload', label: l.reload },
      { type: 'separator' },
      { role: 'zoomIn', label: l.zoomIn },
      { role: 'zoomOut', label: l.zoomOut },
      { role: 'resetZoom', label: l.resetZoom },
      { role: 'togglefullscreen', label: l.fullScreen },
      ...(options.isPackaged
        ? []
        : [{ type: 'separator' } as const, { role: 'toggleDevTools', label: l.devTools } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: l.help,
    submenu: [
      {
        id: 'website',
        label: l.website,
        enabled: options.hasWebsite,
        click: () => actions.openWebsite(),
      },
      { id: 'about', label: l.about, click: () => actions.about() },
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Badgesmith',
          submenu: [
            { id: 'about', label: l.about, click: () => actions.about() },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { id: 'quit', role: 'quit', label: l.quit },
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, help];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
