/** `vmdisk.openRuleDoc URL` for editors other than VS Code: ask the client to show the page. */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';

export async function openRuleDoc(connection: Connection, args: unknown[] | undefined, canShowDocument: boolean): Promise<{ opened: boolean }> {
  const url = args?.[0];
  if (typeof url !== 'string') return { opened: false };
  if (canShowDocument) {
    // A file: page opens inside the editor; a web page in the browser.
    const result = await connection.window.showDocument({ uri: url, external: !url.startsWith('file:') });
    if (result.success) return { opened: true };
  }
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `vmdisk documentation: ${url}` });
  return { opened: false };
}
