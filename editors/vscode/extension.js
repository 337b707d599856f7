// Starts `due lsp` for .due files and connects it to the editor.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('due');
  const args = ['lsp'];
  const asOf = config.get('asOf');
  if (asOf) args.push('--as-of', asOf);
  const server = { command: config.get('path') || 'due', args };
  client = new LanguageClient('due', 'due ledger', server, {
    documentSelector: [{ scheme: 'file', language: 'due' }],
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
