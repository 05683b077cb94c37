-- The first minutes of a Dossier user in a real Neovim (0.11+), headless, with the shipped plugin.
--
--   DOSSIER_REPO=/path/to/repo DOSSIER_BIN=/path/to/dossier \
--     timeout 240 nvim --headless -n -i NONE -u NONE -c 'luafile editors/test/nvim_session.lua'
--
-- Acts as a person would, on a fresh copy of seeds/ each run: opens brief.md and cast.md as
-- Neovim starts (while the server is still indexing) and waits without editing; types and accepts
-- completions with Neovim's own completion (omnifunc, then vim.lsp.completion with autotrigger);
-- runs the code lens over an actor heading; and, with cast.md closed, removes an actor from it
-- with a plain file write, then restores it. It asserts only what Neovim holds: the diagnostics of
-- every namespace (vim.diagnostic.get), the buffer's lines and the quickfix list, compared with
-- `dossier check --format json --min-severity hint` where diagnostics are concerned.
--
-- One `PASS name` or `FAIL name: why` line per scenario; exits 0 only if every one passed.
-- Keys are fed into the event loop (nvim_feedkeys) and the script waits in a coroutine, so the
-- client, its timers and the completion menu run exactly as they do for a person typing.
-- DOSSIER_SESSION_TIMEOUT_MS (default 200000) bounds the whole run.

local TOTAL_MS = tonumber(os.getenv('DOSSIER_SESSION_TIMEOUT_MS') or '') or 200000
local STEP_MS = 10000 -- the longest wait for any one thing
local SETTLE_MS = 600 -- diagnostics unchanged this long count as settled

local uv = vim.uv or vim.loop
local failures, passes = 0, 0
local runner -- the coroutine running the scenarios

local function say(line)
  io.stdout:write(line, '\n')
  io.stdout:flush()
end

local function pass(name, detail)
  passes = passes + 1
  say('PASS ' .. name .. (detail and (' (' .. detail .. ')') or ''))
end

local function fail(name, why)
  failures = failures + 1
  say('FAIL ' .. name .. ': ' .. tostring(why):gsub('\n', ' | '))
end

local finished = false
local function finish()
  if finished then
    return
  end
  finished = true
  for _, client in ipairs(vim.lsp.get_clients({ name = 'dossier' })) do
    client:stop()
  end
  vim.wait(3000, function()
    return #vim.lsp.get_clients({ name = 'dossier' }) == 0
  end, 50)
  vim.cmd((failures == 0 and passes > 0) and 'cquit 0' or 'cquit 1')
end

-- Waiting inside the event loop ------------------------------------------------------------

--- Lets the event loop run for `ms` (typeahead, LSP messages, timers), then resumes the scenario.
local function sleep(ms)
  vim.defer_fn(function()
    local ok, err = coroutine.resume(runner)
    if not ok then
      fail('session', err)
      finish()
    end
  end, ms)
  coroutine.yield()
end

--- Polls `predicate` every 50 ms until it returns a truthy value (returned) or `ms` pass (nil).
local function wait_for(ms, predicate)
  local deadline = uv.hrtime() + ms * 1e6
  while true do
    local value = predicate()
    if value then
      return value
    end
    if uv.hrtime() >= deadline then
      return nil
    end
    sleep(50)
  end
end

--- Types `keys` (with <…> notation) as a person would: mappings apply, as for typed keys.
local function type_keys(keys)
  vim.api.nvim_feedkeys(vim.keycode(keys), 'm', false)
  sleep(30)
end

-- Files ------------------------------------------------------------------------------------

local function read(path)
  local file = assert(io.open(path, 'rb'))
  local text = file:read('*a')
  file:close()
  return text
end

local function write(path, text)
  local file = assert(io.open(path, 'wb'))
  file:write(text)
  file:close()
end

--- A fresh copy of the repository's seeds/ in a temporary folder (its own dossier.json makes it the root).
local function copy_seeds(repo)
  local root = vim.fn.tempname() .. '-dossier-session'
  vim.fn.mkdir(root, 'p')
  for _, name in ipairs(vim.fn.readdir(repo .. '/seeds')) do
    local source = repo .. '/seeds/' .. name
    if vim.fn.isdirectory(source) == 0 then
      write(root .. '/' .. name, read(source))
    end
  end
  return uv.fs_realpath(root)
end

-- Diagnostics: Neovim's against `dossier check` ---------------------------------------------

--- `dossier check --format json --min-severity hint` on `root`: { [relative path] = { key = true… } }.
local function checked(bin, root)
  local output = vim.fn.system({ bin, 'check', root, '--format', 'json', '--min-severity', 'hint' })
  local ok, report = pcall(vim.json.decode, output)
  assert(ok and type(report) == 'table' and report.diagnostics, 'dossier check gave no JSON report: ' .. output:sub(1, 300))
  local by_path = {}
  for _, d in ipairs(report.diagnostics) do
    by_path[d.path] = by_path[d.path] or {}
    -- Lines and columns 1-based, columns in Unicode scalars, end exclusive.
    table.insert(by_path[d.path], ('%s %d:%d-%d:%d'):format(d.code, d.line, d.column, d.endLine, d.endColumn))
  end
  return by_path
end

--- The character column (Unicode scalars) of byte column `col` on line `lnum` (0-based) of `buf`.
local function scalar_column(buf, lnum, col)
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1] or ''
  return vim.str_utfindex(line, 'utf-32', math.min(col, #line), false)
end

--- Every diagnostic Neovim holds for `buf`, all namespaces (pushed and pulled), in check's notation.
local function held(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
    table.insert(list, ('%s %d:%d-%d:%d'):format(
      code, d.lnum + 1, scalar_column(buf, d.lnum, d.col) + 1,
      (d.end_lnum or d.lnum) + 1, scalar_column(buf, d.end_lnum or d.lnum, d.end_col or d.col) + 1))
  end
  return list
end

--- Counts by code, e.g. "unknown-actor 32, unknown-claim 16".
local function census(list)
  local counts, codes = {}, {}
  for _, entry in ipairs(list) do
    local code = entry:match('^(%S+)')
    if not counts[code] then
      table.insert(codes, code)
    end
    counts[code] = (counts[code] or 0) + 1
  end
  table.sort(codes)
  return table.concat(vim.tbl_map(function(code)
    return code .. ' ' .. counts[code]
  end, codes), ', ')
end

--- nil when the two lists hold the same entries the same number of times, else what differs.
local function difference(got, want)
  local balance = {}
  for _, entry in ipairs(got) do
    balance[entry] = (balance[entry] or 0) + 1
  end
  for _, entry in ipairs(want) do
    balance[entry] = (balance[entry] or 0) - 1
  end
  local extra, missing = {}, {}
  for entry, count in pairs(balance) do
    for _ = 1, math.abs(count) do
      table.insert(count > 0 and extra or missing, entry)
    end
  end
  if #extra == 0 and #missing == 0 then
    return nil
  end
  table.sort(extra)
  table.sort(missing)
  local function first(list)
    return table.concat(vim.list_slice(list, 1, 4), '; ') .. (#list > 4 and '; …' or '')
  end
  return ('Neovim holds %d (%s), dossier check finds %d (%s); extra %d [%s], missing %d [%s]'):format(
    #got, census(got), #want, census(want), #extra, first(extra), #missing, first(missing))
end

--- The buffer's diagnostics once they have not changed for SETTLE_MS, or after STEP_MS.
local function settled(buf)
  local last, since = nil, uv.hrtime()
  local deadline = uv.hrtime() + STEP_MS * 1e6
  while uv.hrtime() < deadline do
    local now = held(buf)
    table.sort(now)
    local key = table.concat(now, '\n')
    if key ~= last then
      last, since = key, uv.hrtime()
    elseif uv.hrtime() - since >= SETTLE_MS * 1e6 then
      return now
    end
    sleep(100)
  end
  return held(buf)
end

-- The scenarios ------------------------------------------------------------------------------

local session = {} -- root, bin, buffers and client, shared by the scenarios

local function client()
  return vim.lsp.get_clients({ name = 'dossier' })[1]
end

--- Opens brief.md and cast.md at once, as `nvim brief.md cast.md` does, and waits without editing.
local function startup_diagnostics()
  vim.cmd('edit ' .. vim.fn.fnameescape(session.root .. '/brief.md'))
  session.brief = vim.api.nvim_get_current_buf()
  vim.cmd('badd ' .. vim.fn.fnameescape(session.root .. '/cast.md'))
  session.cast = vim.fn.bufnr(session.root .. '/cast.md')
  vim.fn.bufload(session.cast)
  vim.bo[session.cast].filetype = 'markdown' -- as the FileType autocommand does when the buffer is shown
  local started = wait_for(STEP_MS, function()
    local c = client()
    return c and c.initialized and vim.lsp.buf_is_attached(session.cast, c.id) and c
  end)
  if not started then
    error('the dossier client did not start and attach to both buffers within ' .. STEP_MS .. ' ms')
  end
  pass('the plugin starts the server', ('root %s, %s positions'):format(session.root, started.offset_encoding))

  for _, file in ipairs({ { 'brief.md', session.brief }, { 'cast.md', session.cast } }) do
    local name, buf = file[1], file[2]
    -- Poll until Neovim's set equals check's: a late but right set passes, a wrong set that stays fails.
    local mismatch
    local matched = wait_for(STEP_MS, function()
      mismatch = difference(settled(buf), session.expected[name] or {})
      return mismatch == nil
    end)
    if matched then
      pass('startup diagnostics ' .. name, ('%d, equal to dossier check'):format(#(session.expected[name] or {})))
    else
      fail('startup diagnostics ' .. name, mismatch)
    end
  end
end

--- Opens an empty notes.md of the workspace for typing.
local function open_notes()
  local path = session.root .. '/notes.md'
  write(path, '')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  session.notes = vim.api.nvim_get_current_buf()
  if not wait_for(STEP_MS, function()
    return vim.lsp.buf_is_attached(session.notes, client().id)
  end) then
    error('the client did not attach to notes.md')
  end
end

--- Types `text` on a new last line of notes.md, then each of `steps`: { keys = …, menu = bool }.
--- A step with `menu` waits for the completion menu and accepts its first entry (<C-n><C-y>).
--- Returns the line as it stands after <Esc>, or nil and why.
local function type_line(steps)
  vim.api.nvim_set_current_buf(session.notes)
  vim.cmd('normal! G')
  type_keys('o')
  for _, step in ipairs(steps) do
    type_keys(step.keys)
    if step.menu then
      if not wait_for(5000, function()
        return vim.fn.pumvisible() == 1
      end) then
        local line = vim.api.nvim_get_current_line()
        type_keys('<Esc>')
        return nil, ('no completion menu after typing %q (line: %q)'):format(step.keys, line)
      end
      type_keys('<C-n><C-y>')
      sleep(400) -- CompleteDone may resolve the item first (vim.lsp.completion)
    elseif step.wait then
      sleep(step.wait)
    end
  end
  local line = vim.api.nvim_get_current_line()
  type_keys('<Esc>')
  return line
end

local function expect_line(name, steps, want)
  local line, why = type_line(steps)
  if line == want then
    pass(name, want)
  else
    fail(name, why or ('the line is %q, want %q'):format(line, want))
  end
end

local function completion_omnifunc()
  open_notes()
  vim.o.completeopt = 'menuone,noselect' -- what `:h vim.lsp.completion` recommends
  if vim.bo[session.notes].omnifunc ~= 'v:lua.vim.lsp.omnifunc' then
    fail('omnifunc set by the client', "'omnifunc' is " .. vim.inspect(vim.bo[session.notes].omnifunc))
  end
  expect_line('omnifunc prose name', {
    { keys = 'Talks with Lloy<C-x><C-o>', menu = true },
  }, 'Talks with [Lloyd Austin](@lloyd-austin)')
  expect_line('omnifunc by= then @', {
    { keys = '[Talks stalled]{.claim b<C-x><C-o>', menu = true },
    { keys = '@lloyd-a<C-x><C-o>', menu = true },
  }, '[Talks stalled]{.claim by=@lloyd-austin')
  expect_line('omnifunc actor field key', {
    { keys = '## Jane Roe {#jane-roe .person}<CR><CR>- ro<C-x><C-o>', menu = true },
  }, '- role:')
end

local function completion_autotrigger()
  vim.lsp.completion.enable(true, client().id, session.notes, { autotrigger = true })
  local get = '<Cmd>lua vim.lsp.completion.get()<CR>'
  expect_line('vim.lsp.completion prose name', {
    { keys = 'Talks with Lloy' .. get, menu = true },
  }, 'Talks with [Lloyd Austin](@lloyd-austin)')
  expect_line('vim.lsp.completion by= then @', {
    { keys = '[Talks stalled]{.claim b' .. get, menu = true },
    { keys = '@', wait = 300 },
    { keys = 'lloy', menu = true },
  }, '[Talks stalled]{.claim by=@lloyd-austin')
  expect_line('vim.lsp.completion {# in a heading', {
    { keys = '## Jane Roe {#', menu = true },
  }, '## Jane Roe {#jane-roe')
  expect_line('vim.lsp.completion cite=#', {
    { keys = '[Talks stalled]{.claim cite=#', wait = 300 },
    { keys = 'biden-ord', menu = false, wait = 100 },
    { keys = get, menu = true },
  }, '[Talks stalled]{.claim cite=#biden-orders-sharing')
end

--- Runs the lens over Lloyd Austin's heading in cast.md; the quickfix list must hold his references.
local function code_lens()
  vim.api.nvim_set_current_buf(session.cast)
  local lnum
  for index, line in ipairs(vim.api.nvim_buf_get_lines(session.cast, 0, -1, false)) do
    if line:find('{#lloyd-austin .person}', 1, true) then
      lnum = index
      break
    end
  end
  assert(lnum, 'cast.md has no {#lloyd-austin .person} heading')
  vim.api.nvim_win_set_cursor(0, { lnum, 3 })
  local c = client()
  local params = vim.lsp.util.make_position_params(0, c.offset_encoding)
  params.context = { includeDeclaration = false }
  local answer = c:request_sync('textDocument/references', params, STEP_MS, session.cast)
  local references = answer and answer.result or {}
  vim.fn.setqflist({}, 'r', { title = 'before the lens', items = {} })
  -- The plugin shows the lenses (it refreshes them as the buffer is entered).
  local lens = wait_for(STEP_MS, function()
    for _, l in ipairs(vim.lsp.codelens.get(session.cast)) do
      if l.range.start.line == lnum - 1 and l.command then
        return l
      end
    end
  end)
  if not lens then
    fail('code lens', 'no lens on the heading within ' .. STEP_MS .. ' ms of entering cast.md')
    return
  end
  vim.lsp.codelens.run()
  local items = wait_for(STEP_MS, function()
    local list = vim.fn.getqflist()
    return #list > 0 and list
  end)
  if not items then
    fail('code lens', '“' .. lens.command.title .. '”: the quickfix list is still empty after vim.lsp.codelens.run()')
  elseif #items ~= #references or #references == 0 then
    fail('code lens', ('the quickfix list holds %d entries, textDocument/references %d'):format(#items, #references))
  else
    pass('code lens', ('“%s” fills the quickfix list with the %d references'):format(lens.command.title, #items))
  end
  vim.cmd('cclose')
end

--- The plugin's keys in a Dossier buffer: gd goes to the definition, gO lists the file's symbols.
local function keys()
  vim.api.nvim_set_current_buf(session.brief)
  local lnum, col
  for index, line in ipairs(vim.api.nvim_buf_get_lines(session.brief, 0, -1, false)) do
    col = line:find('[Lloyd Austin](@lloyd-austin)', 1, true)
    if col then
      lnum = index
      break
    end
  end
  assert(lnum, 'brief.md does not mention [Lloyd Austin](@lloyd-austin)')
  vim.api.nvim_win_set_cursor(0, { lnum, col + 2 })
  type_keys('gd')
  local jumped = wait_for(5000, function()
    return vim.fn.expand('%:t') == 'cast.md' and vim.api.nvim_get_current_line():find('{#lloyd-austin', 1, true)
  end)
  if jumped then
    pass('gd', 'from [Lloyd Austin](@lloyd-austin) to ' .. vim.api.nvim_get_current_line())
  else
    fail('gd', ('the cursor is on %s:%d %q'):format(vim.fn.expand('%:t'), vim.fn.line('.'), vim.api.nvim_get_current_line()))
  end
  vim.api.nvim_set_current_buf(session.brief)
  vim.fn.setloclist(0, {}, 'r', { title = 'before gO', items = {} })
  type_keys('gO')
  local symbols = wait_for(5000, function()
    local list = vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr('#')))
    if #list == 0 then
      list = vim.fn.getloclist(0)
    end
    return #list > 0 and list
  end)
  -- LSP symbols read "[Kind] name"; claims are Constants. Neovim's Markdown outline lists headings only.
  local claim = symbols and vim.iter(symbols):find(function(item)
    return vim.startswith(item.text, '[Constant] ')
  end)
  if symbols and claim then
    pass('gO', ('%d symbols, e.g. %q'):format(#symbols, claim.text))
  else
    fail('gO', symbols and ('no claim among the symbols: ' .. vim.inspect(vim.tbl_map(function(i)
      return i.text
    end, symbols))) or 'the location list stayed empty (Neovim\'s Markdown outline instead of the server\'s symbols?)')
  end
  vim.cmd('lclose')
  vim.api.nvim_set_current_buf(session.brief)
end

--- With cast.md closed, removes an actor that brief.md mentions by writing the file, then restores it.
--- A quotation pasted into notes.md gets its inferred speaker shown after it ("— Lloyd Austin").
local function inlay_hints()
  vim.api.nvim_set_current_buf(session.notes)
  local line = '"We will not share the evidence with the court," Austin said.'
  vim.api.nvim_buf_set_lines(session.notes, -1, -1, false, { '', line })
  local last = vim.api.nvim_buf_line_count(session.notes)
  local labels
  local shown = wait_for(5000, function()
    labels = {}
    for _, item in ipairs(vim.lsp.inlay_hint.get({ bufnr = session.notes })) do
      local hint = item.inlay_hint
      if hint.position.line == last - 1 then
        local label = hint.label
        if type(label) == 'table' then
          label = table.concat(vim.tbl_map(function(part)
            return part.value
          end, label))
        end
        table.insert(labels, label)
      end
    end
    return vim.tbl_contains(labels, '— Lloyd Austin')
  end)
  if shown then
    pass('inlay hints', '— Lloyd Austin after the quotation')
  else
    fail('inlay hints', ('no "— Lloyd Austin" on the pasted line; hints there: %s, enabled: %s'):format(
      vim.inspect(labels), tostring(vim.lsp.inlay_hint.is_enabled({ bufnr = session.notes }))))
  end
end

local function disk_change()
  local cast_path = session.root .. '/cast.md'
  vim.api.nvim_set_current_buf(session.brief)
  vim.cmd('bwipeout! ' .. session.cast)
  sleep(1500) -- the file is edited later, in a shell, not as the buffer closes
  local original = read(cast_path)
  local heading = original:find('\n## White House {#white%-house %.organization}')
  local next_heading = heading and original:find('\n## ', heading + 1, true)
  assert(heading and next_heading, 'cast.md has no White House section to remove')
  local mention_line
  for index, line in ipairs(vim.api.nvim_buf_get_lines(session.brief, 0, -1, false)) do
    if line:find('(@white-house)', 1, true) then
      mention_line = index - 1
      break
    end
  end
  local function unknown_white_house()
    for _, d in ipairs(vim.diagnostic.get(session.brief, { lnum = mention_line })) do
      if d.code == 'unknown-actor' and d.message:find('white-house', 1, true) then
        return true
      end
    end
    return false
  end
  if unknown_white_house() then
    error('brief.md already had the unknown-actor error before the file changed')
  end

  write(cast_path, original:sub(1, heading) .. original:sub(next_heading + 1))
  local removed = wait_for(5000, unknown_white_house)
  if removed then
    pass('disk change removed', 'brief.md gains unknown-actor for @white-house')
  else
    fail('disk change removed', 'brief.md shows no unknown-actor error for @white-house 5 s after cast.md lost it')
  end
  write(cast_path, original)
  if not removed then
    fail('disk change restored', 'not testable: the removal was never shown')
  elseif wait_for(5000, function()
    return not unknown_white_house()
  end) then
    pass('disk change restored', 'the error goes away')
  else
    fail('disk change restored', 'the unknown-actor error for @white-house is still shown 5 s after cast.md was restored')
  end
end

local function main()
  local repo = os.getenv('DOSSIER_REPO')
  assert(repo and repo ~= '', 'set DOSSIER_REPO to the repository root')
  repo = vim.fn.fnamemodify(repo, ':p'):gsub('/$', '')
  assert(vim.fn.has('nvim-0.11') == 1, 'the session suite needs Neovim 0.11 or newer')
  session.bin = os.getenv('DOSSIER_BIN') or 'dossier'
  session.root = copy_seeds(repo)
  session.expected = checked(session.bin, session.root)

  vim.o.showmode = false -- no "-- INSERT --" among the results
  vim.opt.shortmess:append('c') -- nor "match 1 of 9"
  vim.opt.runtimepath:append(repo .. '/editors/nvim')
  vim.cmd('filetype plugin on')
  require('dossier').setup({ cmd = { session.bin, 'lsp' } })

  local scenarios = {
    { 'startup diagnostics', startup_diagnostics },
    { 'completion (omnifunc)', completion_omnifunc },
    { 'completion (vim.lsp.completion)', completion_autotrigger },
    { 'code lens', code_lens },
    { 'keys', keys },
    { 'inlay hints', inlay_hints },
    { 'disk change', disk_change },
  }
  for index, scenario in ipairs(scenarios) do
    local ok, err = xpcall(scenario[2], debug.traceback)
    if not ok then
      fail(scenario[1], err)
      if index == 1 then
        break -- nothing else can run without a client
      end
    end
  end
  vim.fn.delete(session.root, 'rf')
end

vim.defer_fn(function()
  fail('session', 'gave up after ' .. TOTAL_MS .. ' ms')
  finish()
end, TOTAL_MS)

runner = coroutine.create(function()
  local ok, err = xpcall(main, debug.traceback)
  if not ok then
    fail('session', err)
  end
  finish()
end)
local ok, err = coroutine.resume(runner)
if not ok then
  fail('session', err)
  finish()
end
