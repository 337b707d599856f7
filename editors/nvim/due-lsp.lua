-- Neovim: start `due lsp` for every due ledger. Put this file in ~/.config/nvim/plugin/ (or
-- require it from init.lua) next to the Vim syntax and ftdetect files.
vim.filetype.add({ extension = { due = 'due' } })

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'due',
  callback = function(args)
    vim.lsp.start({
      name = 'due',
      cmd = { 'due', 'lsp' },
      root_dir = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
    })
  end,
})
