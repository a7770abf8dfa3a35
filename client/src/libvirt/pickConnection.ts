/** Asks for a libvirt connection URI: recent ones first (kept in globalState), or type a new one. */
import * as vscode from 'vscode';
import { connectionChoices, recentFrom, rememberConnection, type ConnectionChoice } from './recentConnections';

const RECENT_KEY = 'vmdisk.libvirt.recentConnections';

const DESCRIPTION: Record<ConnectionChoice['kind'], string> = {
  typed: 'check this connection',
  recent: 'recently checked',
  default: "this host's system hypervisor",
};

export function recentConnections(state: vscode.Memento): string[] {
  return recentFrom(state.get<unknown>(RECENT_KEY));
}

export async function rememberConnectionIn(state: vscode.Memento, uri: string): Promise<void> {
  await state.update(RECENT_KEY, rememberConnection(recentConnections(state), uri));
}

export function pickConnection(state: vscode.Memento): Promise<string | undefined> {
  const recent = recentConnections(state);
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { uri: string }>();
  pick.title = 'vmdisk: check the domains of a libvirt connection';
  pick.placeholder = 'A libvirt URI, as virsh -c takes it: qemu:///system, qemu+ssh://root@host/system, test:///default';
  const show = (typed: string) => {
    pick.items = connectionChoices(recent, typed).map((c) => ({ label: c.uri, description: DESCRIPTION[c.kind], uri: c.uri }));
  };
  show('');
  return new Promise((resolve) => {
    pick.onDidChangeValue(show);
    pick.onDidAccept(() => {
      const uri = pick.selectedItems[0]?.uri ?? pick.value.trim();
      if (uri === '') return;
      resolve(uri);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
