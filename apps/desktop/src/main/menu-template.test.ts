import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { type MenuActions, type MenuContext, menuTemplate, RECENT_IN_MENU } from './menu-template.ts';

/** Actions that record which was called, with what. */
function recorder(): { calls: string[]; actions: MenuActions } {
  const calls: string[] = [];
  return {
    calls,
    actions: {
      newProject: () => calls.push('newProject'),
      openProject: () => calls.push('openProject'),
      openRecent: (dir) => calls.push(`openRecent ${dir}`),
      importData: () => calls.push('importData'),
      exportResult: () => calls.push('exportResult'),
      undo: () => calls.push('undo'),
      redo: () => calls.push('redo'),
      setTheme: (scheme) => calls.push(`setTheme ${scheme}`),
    },
  };
}

const base: MenuContext = { platform: 'linux', appName: 'Facet', recent: [], devTools: false };

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  const sub = item?.submenu;
  if (!Array.isArray(sub)) throw new Error(`no submenu in ${item?.label ?? item?.role ?? '?'}`);
  return sub;
}

function find(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const item of template) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      try {
        return find(item.submenu, id);
      } catch {
        // not in this branch
      }
    }
  }
  throw new Error(`no menu item ${id}`);
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

/** What a menu shows: labels, roles and separators. */
function shape(items: MenuItemConstructorOptions[]): string[] {
  return items.map((i) => i.label ?? (i.role ? `role:${i.role}` : i.type === 'separator' ? '---' : '?'));
}

describe('menuTemplate', () => {
  it('has File, Edit and View on Linux and Windows, with Quit in File', () => {
    const template = menuTemplate(base, recorder().actions);
    expect(shape(template)).toEqual(['&File', '&Edit', '&View']);
    expect(shape(submenu(template[0]))).toEqual([
      'New Project…',
      'Open…',
      'Open Recent',
      '---',
      'Import Data…',
      'Export…',
      '---',
      'role:quit',
    ]);
    expect(shape(submenu(template[1]))).toEqual([
      'Undo',
      'Redo',
      '---',
      'role:cut',
      'role:copy',
      'role:paste',
      'role:delete',
      '---',
      'role:selectAll',
    ]);
    expect(shape(submenu(template[2]))).toEqual([
      'role:resetZoom',
      'role:zoomIn',
      'role:zoomOut',
      '---',
      'Theme',
      '---',
      'role:togglefullscreen',
    ]);
  });

  it('adds the app and Window menus on macOS, and closes the window from File', () => {
    const template = menuTemplate({ ...base, platform: 'darwin' }, recorder().actions);
    expect(shape(template)).toEqual(['Facet', 'File', 'Edit', 'View', 'role:windowMenu']);
    expect(shape(submenu(template[0]))).toContain('role:quit');
    expect(submenu(template[1]).at(-1)?.role).toBe('close');
    expect(shape(submenu(template[2]))).toContain('role:pasteAndMatchStyle');
  });

  it('calls the matching action from each command item', () => {
    const { calls, actions } = recorder();
    const template = menuTemplate({ ...base, current: '/p/Open.facet' }, actions);
    for (const id of ['new-project', 'open-project', 'import-data', 'export', 'undo', 'redo'])
      click(find(template, id));
    for (const id of ['theme-light', 'theme-dark', 'theme-auto']) click(find(template, id));
    expect(calls).toEqual([
      'newProject',
      'openProject',
      'importData',
      'exportResult',
      'undo',
      'redo',
      'setTheme light',
      'setTheme dark',
      'setTheme auto',
    ]);
  });

  it('shows accelerators for undo/redo without registering them (the page owns those keys)', () => {
    const template = menuTemplate(base, recorder().actions);
    expect(find(template, 'undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(find(template, 'redo')).toMatchObject({
      accelerator: 'CmdOrCtrl+Shift+Z',
      registerAccelerator: false,
    });
    expect(find(template, 'open-project').accelerator).toBe('CmdOrCtrl+O');
  });

  it('lists recent projects (not the open one) up to the limit, each opening its folder', () => {
    const recent = Array.from({ length: RECENT_IN_MENU + 3 }, (_, i) => ({
      dir: `/p/P${i}.facet`,
      name: `P${i}`,
    }));
    const { calls, actions } = recorder();
    const items = submenu(
      find(menuTemplate({ ...base, recent, current: '/p/P0.facet' }, actions), 'open-recent'),
    );
    expect(items).toHaveLength(RECENT_IN_MENU);
    expect(items[0]).toMatchObject({ label: 'P1', toolTip: '/p/P1.facet' });
    click(items[2] as MenuItemConstructorOptions);
    expect(calls).toEqual(['openRecent /p/P3.facet']);
  });

  it('says when there is nothing recent, and keeps "&" in names visible outside macOS', () => {
    const empty = submenu(find(menuTemplate(base, recorder().actions), 'open-recent'));
    expect(empty).toEqual([{ label: 'No Recent Projects', enabled: false }]);
    const recent = [{ dir: '/p/R&D.facet', name: 'R&D' }];
    expect(
      submenu(find(menuTemplate({ ...base, recent }, recorder().actions), 'open-recent'))[0]?.label,
    ).toBe('R&&D');
    const mac = menuTemplate({ ...base, platform: 'darwin', recent }, recorder().actions);
    expect(submenu(find(mac, 'open-recent'))[0]?.label).toBe('R&D');
  });

  it('offers Export only while a project is open', () => {
    expect(find(menuTemplate(base, recorder().actions), 'export').enabled).toBe(false);
    const open = menuTemplate({ ...base, current: '/p/Open.facet' }, recorder().actions);
    expect(find(open, 'export').enabled).toBe(true);
    expect(find(open, 'import-data').enabled).toBeUndefined();
  });

  it('offers reload and developer tools only when asked to', () => {
    const dev = shape(submenu(menuTemplate({ ...base, devTools: true }, recorder().actions)[2]));
    expect(dev.slice(-2)).toEqual(['role:reload', 'role:toggleDevTools']);
  });
});
