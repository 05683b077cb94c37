-- Native client configuration for Neovim 0.11+: with this plugin on the
-- runtimepath, `vim.lsp.enable('dossier')` is enough; require('dossier').setup()
-- layers its options over this through vim.lsp.config.
return {
  cmd = { 'dossier', 'lsp' },
  filetypes = { 'markdown' },
  -- Only below a dossier.json, so Markdown elsewhere (READMEs in any git
  -- repository) is left alone.
  root_dir = function(bufnr, on_dir)
    local root = require('dossier').root_dir(bufnr, 'auto')
    if root then
      on_dir(root)
    end
  end,
  -- Dossier's semantic token types, so mentions are coloured by actor kind.
  capabilities = require('dossier').capabilities(nil),
  -- The code lens command runs here, in Neovim: it fills the quickfix list.
  commands = require('dossier').commands,
  -- gd, gO and the lenses in Dossier buffers.
  on_attach = function(client, bufnr)
    require('dossier').on_attach(client, bufnr)
  end,
}
