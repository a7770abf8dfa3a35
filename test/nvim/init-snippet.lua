-- vmdisk language server for Neovim 0.7+ (in init.lua). Needs `vmdisk-language-server` on PATH.

-- QEMU command-line files get a filetype of their own, so the server is told their language.
vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
  pattern = { '*.args', '*.qemu' },
  command = 'setfiletype qemu-cmdline',
})

-- `settings` answers the server's workspace/configuration requests; Neovim 0.7 does not announce
-- those, so the same settings also go in `init_options`.
local vmdisk_settings = {
  vmdisk = {
    environment = 'production', -- 'development' for throw-away guests
    migration = 'expected', -- 'unknown' (default) or 'never'
    target = { qemuVersion = '7.2', libvirtVersion = '9.0.0' },
  },
}

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'xml', 'sh', 'qemu-cmdline' },
  callback = function(args)
    local root_dir = vim.fn.getcwd()
    -- One server per root directory, shared by all its buffers.
    for _, client in ipairs(vim.lsp.get_active_clients()) do
      if client.name == 'vmdisk' and client.config.root_dir == root_dir then
        vim.lsp.buf_attach_client(args.buf, client.id)
        return
      end
    end
    local client_id = vim.lsp.start_client({
      name = 'vmdisk',
      cmd = { 'vmdisk-language-server', '--stdio' },
      root_dir = root_dir,
      settings = vmdisk_settings,
      init_options = { settings = vmdisk_settings },
    })
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
