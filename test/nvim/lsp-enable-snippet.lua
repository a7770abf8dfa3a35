-- vmdisk language server for Neovim 0.11+ (in init.lua, or the table alone in lsp/vmdisk.lua).
-- Needs `vmdisk-language-server` on PATH.

vim.filetype.add({ extension = { args = 'qemu-cmdline', qemu = 'qemu-cmdline' } })

vim.lsp.config('vmdisk', {
  cmd = { 'vmdisk-language-server', '--stdio' },
  filetypes = { 'xml', 'sh', 'qemu-cmdline' },
  root_markers = { '.git' },
  settings = {
    vmdisk = {
      environment = 'production',
      migration = 'expected',
      target = { qemuVersion = '7.2', libvirtVersion = '9.0.0' },
    },
  },
})
vim.lsp.enable('vmdisk')
