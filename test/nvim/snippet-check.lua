-- Runs after test/nvim/init-snippet.lua (the snippet of docs/editors.md, loaded as the user's
-- init.lua): opens each file of $VMDISK_NVIM_FILES (one a line) as a user would, waits until
-- vim.diagnostic holds native-aio-needs-direct for it, and writes what happened as JSON to
-- $VMDISK_NVIM_RESULT. Every wait is vim.wait on a condition. Exits 1 on failure.

local result = { buffers = {} }

local function finish(ok, err)
  result.ok = ok
  result.error = err or vim.NIL
  local f = assert(io.open(os.getenv('VMDISK_NVIM_RESULT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 1')
end

local function vmdisk_clients()
  return vim.tbl_filter(function(c) return c.name == 'vmdisk' end, vim.lsp.get_active_clients())
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then
      return true
    end
  end
  return false
end

local ok, err = pcall(function()
  for _, file in ipairs(vim.split(os.getenv('VMDISK_NVIM_FILES'), '\n', { trimempty = true })) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    if not vim.wait(20000, function() return has_code(bufnr, 'native-aio-needs-direct') end, 20) then
      error('no native-aio-needs-direct diagnostic for ' .. file)
    end
    table.insert(result.buffers, {
      file = file,
      filetype = vim.bo[bufnr].filetype,
      clients = vim.tbl_map(function(c) return c.id end, vim.tbl_values(vim.lsp.buf_get_clients(bufnr))),
      diagnostics = vim.tbl_map(function(d)
        return { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity }
      end, vim.diagnostic.get(bufnr)),
    })
  end
  result.clients = vim.tbl_map(function(c)
    return { id = c.id, cmd = c.config.cmd, root_dir = c.config.root_dir, pid = c.rpc.pid }
  end, vmdisk_clients())
  -- End the servers as Neovim does on exit, and see them go.
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  if not vim.wait(10000, function() return #vmdisk_clients() == 0 end, 20) then
    error('the server did not stop')
  end
end)
finish(ok, not ok and tostring(err) or nil)
