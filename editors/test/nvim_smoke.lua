-- Smoke test of `dossier lsp` in a real Neovim, headless.
--
--   DOSSIER_REPO=/path/to/repo DOSSIER_BIN=/path/to/dossier \
--     timeout 120 nvim --headless -n -i NONE -u NONE -c 'luafile editors/test/nvim_smoke.lua'
--
-- Works on Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and 0.11+
-- (vim.lsp.config + vim.lsp.enable). Opens the seeds/ file that links
-- [Lloyd Austin](@lloyd-austin) and checks diagnostics, hover, definition,
-- references and completion, one `PASS name` / `FAIL name: why` line each.
-- Exits 0 only if every check passed. DOSSIER_SMOKE_TIMEOUT_MS (default 90000)
-- bounds the whole run; each step waits at most 20 s.

local MENTION = '[Lloyd Austin](@lloyd-austin)'
local TOTAL_MS = tonumber(os.getenv('DOSSIER_SMOKE_TIMEOUT_MS') or '') or 90000
local STEP_MS = 20000

local failures, passes = 0, 0
local buf, server_exit

local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local function pass(name)
  passes = passes + 1
  say('PASS ' .. name)
end

local function fail(name, why)
  failures = failures + 1
  say('FAIL ' .. name .. ': ' .. tostring(why):gsub('\n', ' | '))
end

local function clients()
  if not buf then
    return {}
  end
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = buf, name = 'dossier' })
  end
  return vim.tbl_values(vim.lsp.buf_get_clients(buf))
end

local finished = false
local function finish()
  if finished then
    return
  end
  finished = true
  local ids = vim.tbl_map(function(c)
    return c.id
  end, clients())
  if #ids > 0 then
    vim.lsp.stop_client(ids)
    vim.wait(3000, function()
      return #clients() == 0
    end, 50)
  end
  vim.cmd((failures == 0 and passes > 0) and 'cquit 0' or 'cquit 1')
end

local function realpath(path)
  return path and (vim.loop.fs_realpath(path) or path)
end

local function same_file(uri, path)
  return uri ~= nil and realpath(vim.uri_to_fname(uri)) == realpath(path)
end

-- The workspace root as the server finds it: nearest dossier.json or .git.
local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while true do
    if vim.loop.fs_stat(dir .. '/dossier.json') or vim.loop.fs_stat(dir .. '/.git') then
      return dir
    end
    local up = vim.fn.fnamemodify(dir, ':h')
    if up == dir then
      return vim.fn.fnamemodify(file, ':p:h')
    end
    dir = up
  end
end

local function find_seeds(repo)
  local files = vim.fn.globpath(repo .. '/seeds', '**/*.md', false, true)
  assert(#files > 0, 'no Markdown files under ' .. repo .. '/seeds')
  local article, cast
  for _, file in ipairs(files) do
    for _, line in ipairs(vim.fn.readfile(file)) do
      if not article and line:find(MENTION, 1, true) then
        article = file
      end
      if not cast and line:match('^#+%s.*{[^}]*#lloyd%-austin[%s}]') then
        cast = file
      end
    end
  end
  assert(article, 'no file under seeds/ contains ' .. MENTION)
  assert(cast, 'no file under seeds/ defines {#lloyd-austin …}')
  return article, cast
end

-- 1-based line and 0-based byte column of `needle` in the buffer.
local function locate(needle)
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return lnum, col - 1
    end
  end
  error(needle .. ' not found in the buffer')
end

local function position_params(lnum, col)
  vim.api.nvim_win_set_cursor(0, { lnum, col })
  return vim.lsp.util.make_position_params(0, clients()[1].offset_encoding)
end

local function request(method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, STEP_MS)
  if not responses then
    return nil, err or 'no response'
  end
  for _, response in pairs(responses) do
    local e = response.err or response.error
    if e then
      return nil, e.message or vim.inspect(e)
    end
    return response.result
  end
  return nil, 'no response'
end

local function text_of(contents)
  if type(contents) == 'string' then
    return contents
  end
  if type(contents) ~= 'table' then
    return ''
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, text_of(part))
  end
  return table.concat(parts, '\n')
end

local function locations(result)
  if result == nil then
    return {}
  end
  if result.uri or result.targetUri then
    result = { result }
  end
  return vim.tbl_map(function(l)
    return l.uri or l.targetUri
  end, result)
end

local function start(bin, article)
  local published = {}
  local root = root_of(article)
  local config = {
    name = 'dossier',
    cmd = { bin, 'lsp' },
    root_dir = root,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
        published[realpath(vim.uri_to_fname(result.uri))] = true
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
      end,
    },
    on_exit = function(code)
      server_exit = code
    end,
  }
  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  buf = vim.api.nvim_get_current_buf()
  if vim.fn.has('nvim-0.11') == 1 then
    config.name = nil
    config.filetypes = { 'markdown' }
    vim.lsp.config('dossier', config)
    vim.lsp.enable('dossier')
    vim.bo[buf].filetype = 'markdown'
  else
    vim.bo[buf].filetype = 'markdown'
    local id = vim.lsp.start_client(config)
    assert(id, 'vim.lsp.start_client returned nil')
    vim.lsp.buf_attach_client(buf, id)
  end

  local ready = vim.wait(STEP_MS, function()
    local client = clients()[1]
    return server_exit ~= nil or (client ~= nil and client.initialized == true)
  end, 50)
  if server_exit ~= nil then
    error(('`%s lsp` exited with code %s (root %s)'):format(bin, server_exit, root))
  end
  assert(ready, 'the server did not answer initialize within ' .. STEP_MS .. ' ms')
  pass('initialize (root ' .. root .. ', ' .. clients()[1].offset_encoding .. ')')

  local me = realpath(article)
  if vim.wait(STEP_MS, function()
    return published[me] == true
  end, 50) then
    pass('publishDiagnostics for the opened file')
  else
    fail('publishDiagnostics for the opened file', 'none within ' .. STEP_MS .. ' ms')
  end
end

local function checks(cast, article)
  local lnum, col = locate(MENTION)
  local on_id = col + #'[Lloyd Austin](@' + 2

  local hover, err = request('textDocument/hover', position_params(lnum, on_id))
  local text = hover and text_of(hover.contents) or ''
  if text:find('Lloyd Austin', 1, true) then
    pass('hover on ' .. MENTION)
  else
    fail('hover on ' .. MENTION, err or ('contents lack "Lloyd Austin": ' .. vim.inspect(text)))
  end

  local definition
  definition, err = request('textDocument/definition', position_params(lnum, on_id))
  local targets = locations(definition)
  if #targets > 0 and same_file(targets[1], cast) then
    pass('definition goes to ' .. vim.fn.fnamemodify(cast, ':t'))
  else
    fail('definition', err or ('got ' .. vim.inspect(targets) .. ', want ' .. cast))
  end

  local params = position_params(lnum, on_id)
  params.context = { includeDeclaration = true }
  local references
  references, err = request('textDocument/references', params)
  local uris = locations(references)
  local in_cast, in_article = false, false
  for _, uri in ipairs(uris) do
    in_cast = in_cast or same_file(uri, cast)
    in_article = in_article or same_file(uri, article)
  end
  if in_cast and in_article then
    pass(('references (%d, declaration included)'):format(#uris))
  else
    fail('references', err or ('want the declaration and this mention, got ' .. vim.inspect(uris)))
  end

  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '', 'Met @llo' })
  local last = vim.api.nvim_buf_line_count(buf)
  params = position_params(last, #'Met @llo')
  params.context = { triggerKind = 1 }
  local completion
  completion, err = request('textDocument/completion', params)
  local items = completion and (completion.items or completion) or {}
  local labels = vim.tbl_map(function(item)
    return item.label
  end, items)
  if vim.tbl_contains(labels, 'Lloyd Austin') then
    pass('completion after @llo offers "Lloyd Austin"')
  else
    fail('completion after @llo', err or ('labels: ' .. vim.inspect(labels)))
  end

  vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '', 'Seen with [Nobody](@no-such-actor-zz).' })
  local bad_line = vim.api.nvim_buf_line_count(buf) - 1
  local found = vim.wait(STEP_MS, function()
    for _, d in ipairs(vim.diagnostic.get(buf, { lnum = bad_line })) do
      if d.code == 'unknown-actor' then
        return true
      end
    end
    return false
  end, 50)
  if found then
    pass('unknown-actor diagnostic after an edit')
  else
    fail('unknown-actor diagnostic after an edit', 'got ' .. vim.inspect(vim.diagnostic.get(buf)))
  end
end

local function main()
  local repo = os.getenv('DOSSIER_REPO')
  assert(repo and repo ~= '', 'set DOSSIER_REPO to the repository root')
  repo = vim.fn.fnamemodify(repo, ':p'):gsub('/$', '')
  local bin = os.getenv('DOSSIER_BIN') or 'dossier'
  local article, cast = find_seeds(repo)
  start(bin, article)
  checks(cast, article)
end

vim.defer_fn(function()
  fail('smoke', 'gave up after ' .. TOTAL_MS .. ' ms')
  finish()
end, TOTAL_MS)

local ok, err = xpcall(main, function(e)
  io.stderr:write(debug.traceback(tostring(e), 2), '\n')
  return e
end)
if not ok then
  fail('smoke', err)
end
finish()
