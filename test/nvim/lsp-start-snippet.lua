-- vmdisk language server for Neovim 0.8+ (in init.lua). Needs `vmdisk-language-server` on PATH.
-- vim.lsp.start reuses a running client with the same name and root directory.

vim.filetype.add({ extension = { args = 'qemu-cmdline', qemu = 'qemu-cmdline' } })

-- `settings` answers the server's workspace/configuration requests; `init_options` carries the
-- same for Neovim versions that do not announce those.
local vmdisk_settings = {
  vmdisk = {
    environment = 'production',
    migration = 'expected',
    target = { qemuVersion = '7.2', libvirtVersion = '9.0.0' },
  },
}

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'xml', 'sh', 'qemu-cmdline' },
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local git = vim.fs.find('.git', { upward = true, path = vim.fs.dirname(file) })[1]
    vim.lsp.start({
      name = 'vmdisk',
      cmd = { 'vmdisk-language-server', '--stdio' },
      root_dir = git and vim.fs.dirname(git) or vim.fn.getcwd(),
      settings = vmdisk_settings,
      init_options = { settings = vmdisk_settings },
    })
  end,
})
