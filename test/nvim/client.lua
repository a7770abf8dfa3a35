-- Neovim (0.7) as a real LSP client of vmdisk: start the server on the current buffer, wait for
-- native-aio-needs-direct, hover on it, apply the preferred quick fix, wait for the diagnostics of
-- the edited version; then break the disk again and pick "Fix all" from vim.lsp.buf.code_action(),
-- which resolves the action's edit (codeAction/resolve) before applying it. Writes what happened as JSON to $VMDISK_NVIM_RESULT and exits (1 on failure).
-- Every wait is vim.wait on a condition: it returns as soon as the event has happened.

local result_path = os.getenv('VMDISK_NVIM_RESULT')
local server = os.getenv('VMDISK_SERVER')
local result = { steps = {} }

local function finish(ok, err)
  result.ok = ok
  result.error = err or vim.NIL
  local f = assert(io.open(result_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

local function step(name)
  table.insert(result.steps, name)
end

-- Keep every publishDiagnostics as sent (version, data), then let Neovim handle it as usual.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  table.insert(published, params)
  return default_publish(err, params, ctx, config)
end

local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)

local client_id = vim.lsp.start_client({
  name = 'vmdisk',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
})
if not client_id then
  return finish(false, 'start_client failed')
end
vim.lsp.buf_attach_client(bufnr, client_id)
step('started')

local function latest_for(version)
  for i = #published, 1, -1 do
    local p = published[i]
    if p.uri == uri and (version == nil or p.version == version) then
      return p
    end
  end
  return nil
end

local function find_code(params, code)
  for _, d in ipairs(params.diagnostics) do
    if d.code == code then
      return d
    end
  end
  return nil
end

local diagnostic
local got = vim.wait(20000, function()
  local p = latest_for(nil)
  diagnostic = p and find_code(p, 'native-aio-needs-direct')
  return diagnostic ~= nil
end, 20)
if not got then
  return finish(false, 'no native-aio-needs-direct diagnostic')
end
result.before = vim.tbl_map(function(d) return { code = d.code, severity = d.severity, range = d.range } end, latest_for(nil).diagnostics)
result.nvimDiagnostics = vim.tbl_map(function(d) return { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity } end, vim.diagnostic.get(bufnr))
step('diagnostics')

local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
  textDocument = { uri = uri },
  position = diagnostic.range.start,
}, 10000)
local hover_result = hover and hover[client_id] and hover[client_id].result
if not hover_result then
  return finish(false, 'no hover')
end
result.hover = hover_result.contents.value
step('hover')

local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = diagnostic.range,
  context = { diagnostics = { diagnostic } },
}, 10000)
local list = actions and actions[client_id] and actions[client_id].result or {}
result.actions = vim.tbl_map(function(a) return a.title end, list)
local preferred
for _, a in ipairs(list) do
  if a.isPreferred then
    preferred = a
    break
  end
end
if not preferred then
  return finish(false, 'no preferred code action')
end
result.applied = preferred.title
vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
step('applied')

-- An edit is sent as didChange: the diagnostics of exactly the buffer's version now, or nil.
local function diagnostics_of_current_version()
  local version = vim.lsp.util.buf_versions[bufnr]
  local published
  vim.wait(20000, function()
    published = latest_for(version)
    return published ~= nil
  end, 20)
  return published, version
end

local after, version = diagnostics_of_current_version()
if not after then
  return finish(false, 'no diagnostics for version ' .. tostring(version))
end
result.version = version
result.after = vim.tbl_map(function(d) return { code = d.code, severity = d.severity } end, after.diagnostics)
result.errorsAfter = #vim.diagnostic.get(bufnr, { severity = vim.diagnostic.severity.ERROR })
result.text = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
step('rechecked')

-- Two errors on one line, then the fix-all source action as a user picks it from the menu.
local driver_line = 4
vim.api.nvim_buf_set_lines(bufnr, driver_line, driver_line + 1, false, { "      <driver name='qemu' type='qcow2' cache='unsafe' io='native'/>" })
local broken, broken_version = diagnostics_of_current_version()
if not broken then
  return finish(false, 'no diagnostics for the broken version ' .. tostring(broken_version))
end
result.brokenErrors = #vim.tbl_filter(function(d) return d.severity == 1 end, broken.diagnostics)
-- Asked for naming no kind, as a user does: the list leaves the edit out, Neovim resolves it.
vim.ui.select = function(items, _, on_choice)
  result.fixAllChoices = vim.tbl_map(function(item) return item[2].title end, items)
  for i, item in ipairs(items) do
    if item[2].title == 'Fix all vmdisk problems' then
      result.fixAllListedWithoutEdit = item[2].edit == nil
      return on_choice(item, i)
    end
  end
  on_choice(nil, nil)
end
vim.lsp.buf.code_action()
local fixed
got = vim.wait(20000, function()
  local latest = latest_for(nil)
  if latest and latest.version ~= nil and latest.version > broken_version then
    fixed = latest
    return true
  end
  return false
end, 20)
if not got then
  return finish(false, 'fix all changed nothing (no diagnostics after version ' .. tostring(broken_version) .. ')')
end
result.fixAllErrors = #vim.tbl_filter(function(d) return d.severity == 1 end, fixed.diagnostics)
result.fixAllLine = vim.api.nvim_buf_get_lines(bufnr, driver_line, driver_line + 1, false)[1]
step('fixed all')

vim.lsp.stop_client(client_id)
finish(true, nil)
