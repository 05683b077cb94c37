-- Dossier language server for Neovim.
--
--   require('dossier').setup({ cmd = { '/path/to/dossier', 'lsp' } })
--
-- Neovim 0.11+ goes through vim.lsp.config/vim.lsp.enable (and lsp/dossier.lua),
-- 0.8-0.10 through a FileType autocmd and vim.lsp.start, and 0.7 (Debian 12)
-- through vim.lsp.start_client, which has no client reuse of its own.
local M = {}

M.defaults = {
  cmd = { 'dossier', 'lsp' },
  filetypes = { 'markdown' },
  -- 'auto': only for files below a dossier.json; 'always': every Markdown buffer.
  enable = 'auto',
  -- Shaped like dossier.json ({ rules = { ['unlinked-mention'] = 'off' } }):
  -- sent as initializationOptions and as the `dossier` configuration section.
  settings = {},
  -- Buffer-local keys in Dossier buffers (see M.on_attach); false leaves your keys alone.
  mappings = true,
  -- Show and refresh the "13 mentions · 5 claims" lenses over actor headings.
  codelens = true,
  -- Show who said each quotation ("— Lloyd Austin") after it, on Neovim 0.10+.
  inlay_hints = true,
  -- on_attach and capabilities are passed through to the client as usual.
}

local uv = vim.uv or vim.loop
local modern = vim.fn.has('nvim-0.11') == 1

-- A request through a client: `client:request` on 0.11+, `client.request` before.
local function request(client, method, params, handler, bufnr)
  if modern then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The client side of the code lens command `dossier.showReferences` (arguments:
--- uri, position, actor id): asks the server for the actor's references and
--- puts them in the quickfix list, which it opens. Registered in the client's
--- `commands`, so running a lens (`vim.lsp.codelens.run()`) lands here instead
--- of going to the server, whose answer Neovim would throw away.
---@param command table lsp.Command
---@param ctx table { bufnr, client_id }
function M.show_references(command, ctx)
  local uri, position, actor = unpack(command.arguments or {})
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if not (client and type(uri) == 'string' and type(position) == 'table') then
    vim.notify('dossier: the lens gave no position to look up', vim.log.levels.ERROR)
    return
  end
  local params = {
    textDocument = { uri = uri },
    position = position,
    context = { includeDeclaration = false },
  }
  request(client, 'textDocument/references', params, function(err, result)
    if err then
      vim.notify('dossier: references failed: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      return
    end
    local items = vim.lsp.util.locations_to_items(result or {}, client.offset_encoding)
    local title = 'References to @' .. tostring(actor or '?')
    vim.fn.setqflist({}, ' ', { title = title, items = items })
    if #items == 0 then
      vim.notify('dossier: no references to @' .. tostring(actor or '?'))
      return
    end
    vim.cmd('botright copen')
  end, ctx.bufnr)
end

--- Client-side commands, for `commands` in the client configuration.
M.commands = {
  ['dossier.showReferences'] = function(command, ctx)
    M.show_references(command, ctx)
  end,
}

-- The keys Neovim 0.11+ maps for every LSP buffer (`:h lsp-defaults`), added
-- buffer-locally on older versions when free, so every version has the same.
local legacy_defaults = {
  { 'n', 'K', 'hover' },
  { 'n', 'grn', 'rename' },
  { 'n', 'gra', 'code_action' },
  { 'n', 'grr', 'references' },
}

local function map_keys(bufnr)
  local function map(lhs, fn, desc)
    vim.keymap.set('n', lhs, fn, { buffer = bufnr, desc = desc, silent = true })
  end
  -- gd is Vim's own "go to local declaration" (a search) unless mapped.
  map('gd', vim.lsp.buf.definition, 'Dossier: go to the actor or claim definition')
  -- Neovim's Markdown ftplugin maps gO to its heading outline; Dossier's
  -- symbols list actors and claims too.
  map('gO', vim.lsp.buf.document_symbol, 'Dossier: actors, claims and headings of this file')
  if not modern then
    for _, key in ipairs(legacy_defaults) do
      if vim.fn.maparg(key[2], key[1]) == '' then
        map(key[2], vim.lsp.buf[key[3]], 'Dossier: ' .. key[3]:gsub('_', ' '))
      end
    end
  end
end

local function refresh_lenses(bufnr)
  -- 0.7-0.10 refresh the current buffer and ignore the argument.
  pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
end

local function show_lenses(client, bufnr)
  local provider = client.server_capabilities and client.server_capabilities.codeLensProvider
  if not provider then
    return
  end
  local group = vim.api.nvim_create_augroup('dossier_codelens_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
    group = group,
    buffer = bufnr,
    callback = function(args)
      refresh_lenses(args.buf)
    end,
  })
  if vim.api.nvim_get_current_buf() == bufnr then
    refresh_lenses(bufnr)
  end
end

--- What the plugin does for each buffer the client attaches to: buffer-local
--- keys (`gd` definition, `gO` symbols, and on Neovim < 0.11 the 0.11 defaults
--- `K`, `grn`, `gra`, `grr` when free), code lenses, and on 0.7 'omnifunc'.
--- `opts` defaults to M.defaults.
---@param client table
---@param bufnr integer
---@param opts? table
function M.on_attach(client, bufnr, opts)
  opts = opts or M.defaults
  -- Neovim 0.8+ sets 'omnifunc' for LSP buffers itself; 0.7 leaves <C-x><C-o> without the server.
  if vim.fn.has('nvim-0.8') == 0 and vim.bo[bufnr].omnifunc == '' then
    vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
  if opts.mappings ~= false then
    map_keys(bufnr)
  end
  if opts.codelens ~= false then
    show_lenses(client, bufnr)
  end
  -- vim.lsp.inlay_hint.enable(enable, filter) is the 0.10+ form; Neovim refreshes the hints itself.
  if opts.inlay_hints ~= false and vim.lsp.inlay_hint and vim.fn.has('nvim-0.10') == 1
    and client.server_capabilities.inlayHintProvider then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
end

local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ':h')
  if up ~= dir then
    return up
  end
end

-- The nearest directory at or above `dir` holding one of `names`.
local function find_upward(names, dir)
  while dir do
    for _, name in ipairs(names) do
      if uv.fs_stat(dir .. '/' .. name) then
        return dir
      end
    end
    dir = parent(dir)
  end
end

--- Workspace root for a buffer, the way `dossier check` finds it (nearest
--- dossier.json or .git), or nil when Dossier should leave the buffer alone. In
--- 'auto' mode that root must hold a dossier.json: one above the repository
--- (a stray file in a home or temporary folder) is not this project's.
---@param bufnr integer
---@param enable? 'auto'|'always'
---@return string|nil
function M.root_dir(bufnr, enable)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  local root = find_upward({ 'dossier.json', '.git' }, dir)
  if (enable or 'auto') == 'auto' and not (root and uv.fs_stat(root .. '/dossier.json')) then
    return nil
  end
  return root or dir
end

--- The semantic token types and modifiers Dossier reports besides the standard
--- ones. A client lists the types it knows, and the server sends only those; this
--- plugin adds Dossier's, so mentions are coloured by actor kind
--- (`@lsp.type.person`, …) instead of by the standard type they fall back to.
M.token_types = { 'person', 'organization', 'country', 'court', 'outlet', 'group', 'place', 'document', 'event', 'claim', 'quote' }
M.token_modifiers = { 'unattributed' }

--- `capabilities` (or Neovim's defaults) with Dossier's token types added.
---@param capabilities table|nil
---@return table|nil
function M.capabilities(capabilities)
  local defaults = vim.lsp.protocol.make_client_capabilities()
  if not (defaults.textDocument and defaults.textDocument.semanticTokens) then
    return capabilities -- Neovim 0.7/0.8: no semantic tokens to extend
  end
  local merged = vim.tbl_deep_extend('force', defaults, capabilities or {})
  local tokens = merged.textDocument.semanticTokens
  tokens.tokenTypes = vim.list_extend(vim.deepcopy(tokens.tokenTypes or {}), M.token_types)
  tokens.tokenModifiers = vim.list_extend(vim.deepcopy(tokens.tokenModifiers or {}), M.token_modifiers)
  return merged
end

-- Empty Lua tables travel as JSON arrays, which the server would reject as
-- settings; leave them out instead.
local function client_config(opts)
  local has_settings = next(opts.settings) ~= nil
  return {
    name = 'dossier',
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    init_options = has_settings and opts.settings or nil,
    settings = has_settings and { dossier = opts.settings } or nil,
    commands = M.commands,
    on_attach = function(client, bufnr)
      M.on_attach(client, bufnr, opts)
      if opts.on_attach then
        opts.on_attach(client, bufnr)
      end
    end,
    capabilities = M.capabilities(opts.capabilities),
  }
end

local legacy_clients = {} -- root -> client id, for Neovim 0.7

local function start(config, bufnr)
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  local id = legacy_clients[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    legacy_clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

local function attach(bufnr, opts)
  local root = M.root_dir(bufnr, opts.enable)
  if not root then
    return
  end
  local config = client_config(opts)
  config.root_dir = root
  start(config, bufnr)
end

---@param opts? table see M.defaults
function M.setup(opts)
  opts = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  if opts.enable ~= 'auto' and opts.enable ~= 'always' then
    error(("dossier: enable must be 'auto' or 'always', got %s"):format(vim.inspect(opts.enable)))
  end

  if vim.fn.has('nvim-0.11') == 1 then
    local config = client_config(opts)
    config.name = nil
    config.root_dir = function(bufnr, on_dir)
      local root = M.root_dir(bufnr, opts.enable)
      if root then
        on_dir(root)
      end
    end
    vim.lsp.config('dossier', config)
    vim.lsp.enable('dossier')
    return
  end

  local group = vim.api.nvim_create_augroup('dossier', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
  -- Buffers opened before setup() ran (e.g. `nvim article.md` with a lazy loader).
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, opts)
    end
  end
end

return M
