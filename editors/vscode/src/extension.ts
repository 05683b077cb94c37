import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ClientCapabilities,
  DidChangeConfigurationNotification,
  Executable,
  LanguageClient,
  LanguageClientOptions,
  ProgressToken,
  ReferencesRequest,
  ServerOptions,
  State,
  StaticFeature,
  WorkDoneProgressBegin,
  WorkDoneProgressEnd,
  WorkDoneProgressReport,
} from 'vscode-languageclient/node';

// The server's code lens command (arguments: uri, position, actor id), and the extension's own
// command the lenses are pointed at: it asks for the references and shows them in the peek view.
const SERVER_LENS_COMMAND = 'dossier.showReferences';
const LENS_COMMAND = 'dossier.lens.showReferences';

// Settings the server reads (the rest of `dossier.*` only steers this extension).
const SERVER_KEYS = [
  'exclude',
  'rules',
  'cues.vague',
  'cues.unnamed',
  'cues.reporting',
  'completion.linkNames',
];

type Settings = { [key: string]: unknown };

function isPlainObject(value: unknown): value is Settings {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `dossier.*` values the user actually set, shaped like dossier.json.
 * Defaults are left out on purpose: the server lets these override
 * dossier.json, so sending VS Code's empty defaults would mask the project's
 * own `exclude`, `rules` and `cues`.
 */
function serverSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration('dossier', scope);
  const settings: Settings = {};
  for (const key of SERVER_KEYS) {
    const info = config.inspect(key);
    if (info === undefined) {
      continue;
    }
    const layers = [info.globalValue, info.workspaceValue, info.workspaceFolderValue].filter(
      (value) => value !== undefined,
    );
    if (layers.length === 0) {
      continue;
    }
    // Objects (`rules`) merge across scopes as VS Code itself merges them;
    // lists and scalars take the most specific scope.
    const value = layers.every(isPlainObject)
      ? Object.assign({}, ...layers)
      : layers[layers.length - 1];
    const parts = key.split('.');
    let node = settings;
    for (const part of parts.slice(0, -1)) {
      if (!isPlainObject(node[part])) {
        node[part] = {};
      }
      node = node[part] as Settings;
    }
    node[parts[parts.length - 1]] = value;
  }
  return settings;
}

function settingsForSection(section: string, scope?: vscode.Uri): unknown {
  let node: unknown = serverSettings(scope);
  for (const part of section.split('.').slice(1)) {
    node = isPlainObject(node) ? node[part] : undefined;
  }
  return node ?? null;
}

/** The folder whose settings hold for the whole server: the only workspace folder, else none (window level). */
function singleFolder(): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return folders.length === 1 ? folders[0].uri : undefined;
}

function isExecutableFile(candidate: string): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(candidate, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * `name` found in the absolute folders of PATH (with PATHEXT on Windows), or undefined. Never the
 * current or a workspace folder: spawning a bare `dossier` with the workspace as working directory
 * would run, on Windows, a `dossier.exe` committed to whatever repository is open.
 */
function findOnPath(name: string): string | undefined {
  const extensions =
    process.platform === 'win32' && path.extname(name) === ''
      ? (process.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((extension) => extension !== '')
      : [''];
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    // An empty or relative entry ('', '.') means the working directory.
    if (!path.isAbsolute(folder)) {
      continue;
    }
    for (const extension of extensions) {
      const candidate = path.join(folder, name + extension);
      if (isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

type ResolvedCommand = { path: string } | { problem: string };

/** The absolute path of the server executable, or why there is none. */
function serverCommand(): ResolvedCommand {
  const config = vscode.workspace.getConfiguration('dossier');
  // A workspace could otherwise name any program for us to run; package.json
  // lists the setting as restricted, and here we honour that explicitly.
  const configured = vscode.workspace.isTrusted
    ? config.get<string>('server.path')
    : config.inspect<string>('server.path')?.globalValue;
  let command = (configured ?? '').trim();
  if (command === '') {
    command = 'dossier';
  }
  if (command === '~' || command.startsWith('~/')) {
    command = path.join(os.homedir(), command.slice(1));
  }
  const hasSeparator = command.includes('/') || command.includes(path.sep);
  if (!hasSeparator) {
    const found = findOnPath(command);
    return found !== undefined
      ? { path: found }
      : { problem: `\`${command}\` was not found on your PATH. Install it or set "dossier.server.path".` };
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!path.isAbsolute(command) && folder !== undefined) {
    command = path.resolve(folder.uri.fsPath, command);
  }
  return isExecutableFile(command)
    ? { path: command }
    : { problem: `\`${command}\` (dossier.server.path) is not an executable file.` };
}

function isLspPosition(value: unknown): value is { line: number; character: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { line?: unknown }).line === 'number' &&
    typeof (value as { character?: unknown }).character === 'number'
  );
}

/** A lens the server made with its references command, pointed at the extension's own. */
function retargetLens(lens: vscode.CodeLens): vscode.CodeLens {
  if (lens.command?.command === SERVER_LENS_COMMAND) {
    lens.command = { ...lens.command, command: LENS_COMMAND };
  }
  return lens;
}

type WorkDoneProgress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly tasks = new Map<ProgressToken, { title: string; message?: string; percentage?: number }>();
  private state: ServerState = 'stopped';
  private detail = '';

  constructor() {
    this.item = vscode.window.createStatusBarItem('dossier.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Dossier';
    this.item.command = 'dossier.showOutput';
  }

  set(state: ServerState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    if (state !== 'running') {
      this.tasks.clear();
    }
    this.render();
  }

  progress(token: ProgressToken, value: WorkDoneProgress): void {
    if (value.kind === 'begin') {
      this.tasks.set(token, { title: value.title, message: value.message, percentage: value.percentage });
    } else if (value.kind === 'report') {
      const task = this.tasks.get(token);
      if (task !== undefined) {
        task.message = value.message ?? task.message;
        task.percentage = value.percentage ?? task.percentage;
      }
    } else {
      this.tasks.delete(token);
    }
    this.render();
  }

  hide(): void {
    this.tasks.clear();
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    this.item.backgroundColor = undefined;
    // VS Code draws the progress itself (the client passes $/progress on); the item only names it.
    const task = [...this.tasks.values()].pop();
    if (task !== undefined && this.state === 'running') {
      const percentage = task.percentage !== undefined ? ` ${Math.round(task.percentage)}%` : '…';
      this.item.text = '$(check) Dossier';
      this.item.tooltip = `${task.title}${percentage}${task.message ? `: ${task.message}` : ''}`;
    } else if (this.state === 'starting') {
      this.item.text = '$(sync~spin) Dossier';
      this.item.tooltip = 'Starting the Dossier language server…';
    } else if (this.state === 'running') {
      this.item.text = '$(check) Dossier';
      this.item.tooltip = 'Dossier language server is running. Click for its output.';
    } else {
      this.item.text = '$(error) Dossier';
      this.item.tooltip = this.detail || 'Dossier language server is not running. Click for its output.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
    this.item.show();
  }
}

class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  // Start, stop and restart are chained so that quick setting changes never
  // leave two servers running.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly status: StatusItem,
  ) {}

  reconcile(): Promise<void> {
    return this.enqueue(async () => {
      const wanted = await this.wanted();
      if (wanted && this.client === undefined) {
        await this.start();
      } else if (!wanted && this.client !== undefined) {
        await this.stop();
        this.status.hide();
      }
    });
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stop();
      if (await this.wanted()) {
        await this.start();
      } else {
        this.status.hide();
      }
    });
  }

  shutdown(): Promise<void> {
    return this.enqueue(() => this.stop());
  }

  onConfigurationChanged(event: vscode.ConfigurationChangeEvent): void {
    if (event.affectsConfiguration('dossier.server.path')) {
      void this.restart();
      return;
    }
    if (event.affectsConfiguration('dossier.enable')) {
      void this.reconcile();
    }
    // Asked per workspace folder: a value set in one folder's settings changes nothing at window level.
    const folders = vscode.workspace.workspaceFolders ?? [];
    const scopes: (vscode.Uri | undefined)[] = folders.length > 0 ? folders.map((folder) => folder.uri) : [undefined];
    const serverAffected = scopes.some((scope) =>
      SERVER_KEYS.some((key) => event.affectsConfiguration(`dossier.${key}`, scope)),
    );
    const client = this.client;
    if (serverAffected && client !== undefined && client.state === State.Running) {
      // The notification has no scope: it carries the only folder's settings, or with several folders
      // those that hold for all. Each folder's own values reach the server through workspace/configuration,
      // which names the folder (scopeUri) and which the middleware answers per folder.
      client
        .sendNotification(DidChangeConfigurationNotification.type, { settings: { dossier: serverSettings(singleFolder()) } })
        .catch((error: unknown) => this.output.error(`Could not send the new settings: ${String(error)}`));
    }
  }

  /** The lens command: the actor's references from the server, shown where the lens is (peek view). */
  async showReferences(args: unknown[]): Promise<void> {
    const client = this.client;
    const [uri, position] = args;
    if (client === undefined || typeof uri !== 'string' || !isLspPosition(position)) {
      this.output.warn(`The references lens gave no document and position: ${JSON.stringify(args)}`);
      return;
    }
    try {
      const locations = await client.sendRequest(ReferencesRequest.type, {
        textDocument: { uri },
        position,
        context: { includeDeclaration: false },
      });
      const convert = client.protocol2CodeConverter;
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        convert.asUri(uri),
        convert.asPosition(position),
        (locations ?? []).map((location) => convert.asLocation(location)),
      );
    } catch (error) {
      this.output.error(`Could not show the references: ${String(error)}`);
    }
  }

  dispose(): void {
    void this.shutdown();
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private async wanted(): Promise<boolean> {
    const mode = vscode.workspace.getConfiguration('dossier').get<string>('enable', 'auto');
    if (mode === 'never') {
      return false;
    }
    if (mode === 'always') {
      return true;
    }
    const found = await vscode.workspace.findFiles('**/dossier.json', '**/node_modules/**', 1);
    return found.length > 0;
  }

  private async start(): Promise<void> {
    const resolved = serverCommand();
    if ('problem' in resolved) {
      // Not started at all: this is the one message the user sees.
      this.output.error(resolved.problem);
      this.status.set('failed', resolved.problem);
      void this.explainStartFailure(resolved.problem);
      return;
    }
    const command = resolved.path;
    const executable: Executable = {
      command,
      args: ['lsp'],
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const serverOptions: ServerOptions = { run: executable, debug: executable };
    const status = this.status;
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'untitled', language: 'markdown' },
      ],
      outputChannel: this.output,
      initializationOptions: () => serverSettings(singleFolder()),
      middleware: {
        // The server's lens command would go back to the server (workspace/executeCommand), whose
        // answer the client drops: the lenses run the extension's command instead.
        provideCodeLenses: async (document, token, next) => (await next(document, token))?.map(retargetLens),
        resolveCodeLens: async (lens, token, next) => {
          const resolved = await next(lens, token);
          return resolved ? retargetLens(resolved) : resolved;
        },
        executeCommand: async (command, args, next) =>
          command === SERVER_LENS_COMMAND ? this.showReferences(args) : next(command, args),
        workspace: {
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return params.items.map((item, index) => {
              const section = item.section ?? '';
              if (section !== 'dossier' && !section.startsWith('dossier.')) {
                return answers[index];
              }
              const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
              return settingsForSection(section, scope);
            });
          },
        },
        handleWorkDoneProgress: (token, params, next) => {
          // Every kind goes on to the client, which shows VS Code's own progress ("Dossier: Indexing
          // 40%"); the status item keeps the task for its tooltip and draws no spinner of its own.
          status.progress(token, params);
          next(token, params);
        },
      },
    };

    const client = new LanguageClient('dossier', 'Dossier', serverOptions, clientOptions);
    client.registerFeature(dossierTokenTypes);
    client.onDidChangeState((event) => {
      if (this.client !== client) {
        return;
      }
      if (event.newState === State.Starting) {
        status.set('starting');
      } else if (event.newState === State.Running) {
        status.set('running');
      } else {
        status.set('stopped');
      }
    });
    this.client = client;
    this.output.info(`Starting ${command} lsp`);
    status.set('starting');
    try {
      await client.start();
    } catch (error) {
      // The client has already shown its own error message: a second pop-up would say the same.
      const reason = error instanceof Error ? error.message : String(error);
      this.output.error(`Could not start ${command} lsp: ${reason}`);
      status.set('failed', `Could not start \`${command} lsp\`: ${reason}`);
    }
  }

  private async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) {
      return;
    }
    try {
      await client.dispose();
    } catch (error) {
      this.output.warn(`Stopping the server failed: ${String(error)}`);
    }
  }

  private async explainStartFailure(problem: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`Dossier: ${problem}`, 'Open Settings', 'Show Output');
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'dossier.server.path');
    } else if (choice === 'Show Output') {
      this.output.show(true);
    }
  }
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Dossier', { log: true });
  const status = new StatusItem();
  const active = new ServerController(output, status);
  controller = active;

  // In `auto` mode a dossier.json created after start-up should start the
  // server without a reload.
  const projectFiles = vscode.workspace.createFileSystemWatcher('**/dossier.json', false, true, false);
  projectFiles.onDidCreate(() => void active.reconcile());
  projectFiles.onDidDelete(() => void active.reconcile());

  context.subscriptions.push(
    output,
    status,
    active,
    projectFiles,
    vscode.commands.registerCommand('dossier.restartServer', () => active.restart()),
    vscode.commands.registerCommand('dossier.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('dossier.lens.showReferences', (...args: unknown[]) => active.showReferences(args)),
    vscode.workspace.onDidChangeConfiguration((event) => active.onConfigurationChanged(event)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void active.reconcile()),
    // Trust unlocks a workspace-level dossier.server.path.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void active.restart()),
  );

  await active.reconcile();
}

export function deactivate(): Promise<void> | undefined {
  return controller?.shutdown();
}

/**
 * Announces Dossier's semantic token types (contributed in package.json) among the ones the client lists: the
 * server sends only types the client lists, and vscode-languageclient lists the standard ones only.
 */
const dossierTokenTypes: StaticFeature = {
  fillClientCapabilities(capabilities: ClientCapabilities): void {
    const tokens = capabilities.textDocument?.semanticTokens;
    if (!tokens) {
      return;
    }
    const types = ['person', 'organization', 'country', 'court', 'outlet', 'group', 'place', 'document', 'event', 'claim', 'quote'];
    tokens.tokenTypes = [...tokens.tokenTypes, ...types.filter((type) => !tokens.tokenTypes.includes(type))];
    tokens.tokenModifiers = [...tokens.tokenModifiers, ...['unattributed'].filter((m) => !tokens.tokenModifiers.includes(m))];
  },
  getState() {
    return { kind: 'static' };
  },
  initialize(): void {},
  dispose(): void {},
};
