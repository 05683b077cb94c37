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
  -- on_attach and capabilities are passed through to the client as usual.
}

local uv = vim.uv or vim.loop

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
--- dossier.json or .git), or nil when Dossier should leave the buffer alone.
---@param bufnr integer
---@param enable? 'auto'|'always'
---@return string|nil
function M.root_dir(bufnr, enable)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil
  end
  local dir = vim.fn.fnamemodify(name, ':p:h')
  if (enable or 'auto') == 'auto' and not find_upward({ 'dossier.json' }, dir) then
    return nil
  end
  return find_upward({ 'dossier.json', '.git' }, dir) or dir
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
    on_attach = opts.on_attach,
    capabilities = opts.capabilities,
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
