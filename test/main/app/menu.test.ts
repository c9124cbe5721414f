import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, resetElectron } from './electron-mock.js';
import {
  installMenu,
  menuTemplate,
  type MenuActions,
  type MenuOptions,
} from '../../../main/app/menu.js';

vi.mock('electron', () => import('./electron-mock.js'));

function actions(): MenuActions & Record<string, ReturnType<typeof vi.fn>> {
  return {
    newAssociation: vi.fn(),
    openWorkspace: vi.fn(),
    openSample: vi.fn(),
    openWebsite: vi.fn(),
    about: vi.fn(),
  };
}

function options(patch: Partial<MenuOptions> = {}): MenuOptions {
  return {
    language: 'en',
    platform: 'linux',
    isPackaged: true,
    hasWebsite: true,
    actions: actions(),
    ...patch,
  };
}

type Item = {
  label?: string;
  role?: string;
  id?: string;
  submenu?: Item[];
  click?: () => void;
  enabled?: boolean;
};
const labels = (items: Item[]) => items.filter((i) => i.label).map((i) => i.label);
const find = (items: Item[], id: string): Item | undefined =>
  items.flatMap((i) => [i, ...(i.submenu ?? [])]).find((i) => i.id === id);

beforeEach(() => resetElectron());

describe('the native menu', () => {
  it('has File, Edit, View and Help in English', () => {
    const template = menuTemplate(options()) as Item[];
    expect(labels(template)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(template[0]!.submenu!)).toEqual([
      'New association…',
      'Open workspace…',
      'Open the sample association',
      'Quit',
    ]);
    expect(labels(template[3]!.submenu!)).toEqual(['Badgesmith website', 'About Badgesmith']);
  });

  it('speaks French when the app does', () => {
    const template = menuTemplate(options({ language: 'fr' })) as Item[];
    expect(labels(template)).toEqual(['&Fichier', '&Édition', '&Affichage', '&Aide']);
    expect(labels(template[0]!.submenu!)).toEqual([
      'Nouvelle association…',
      'Ouvrir un espace de travail…',
      'Ouvrir l’association exemple',
      'Quitter',
    ]);
    expect(labels(template[1]!.submenu!)).toContain('Tout sélectionner');
    expect(labels(template[3]!.submenu!)).toEqual([
      'Site web de Badgesmith',
      'À propos de Badgesmith',
    ]);
  });

  it('offers developer tools only outside a packaged app', () => {
    const roles = (packaged: boolean) =>
      (menuTemplate(options({ isPackaged: packaged }))[2]!.submenu as Item[]).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(
      expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom']),
    );
  });

  it('calls the right action for each entry', () => {
    const opts = options();
    const template = menuTemplate(opts) as Item[];
    for (const [id, action] of [
      ['new-association', 'newAssociation'],
      ['open-workspace', 'openWorkspace'],
      ['open-sample', 'openSample'],
      ['website', 'openWebsite'],
      ['about', 'about'],
    ] as const) {
      find(template, id)!.click!();
      expect(opts.actions[action]).toHaveBeenCalledTimes(1);
    }
  });

  it('greys out the website without one, and moves About and Quit to the app menu on macOS', () => {
    expect(find(menuTemplate(options({ hasWebsite: false })) as Item[], 'website')!.enabled).toBe(
      false,
    );
    const mac = menuTemplate(options({ platform: 'darwin' })) as Item[];
    expect(labels(mac)[0]).toBe('Badgesmith');
    expect(labels(mac[0]!.submenu!)).toEqual(['About Badgesmith', 'Quit']);
    expect(labels(mac[1]!.submenu!)).not.toContain('Quit');
  });

  it('installs itself as the application menu', () => {
    installMenu(options({ language: 'fr' }));
    expect(labels(Menu.current as Item[])).toEqual(['&Fichier', '&Édition', '&Affichage', '&Aide']);
  });
});
