" :compiler dossier | make   runs `dossier check` and fills the quickfix list.
if exists('current_compiler')
  finish
endif
let current_compiler = 'dossier'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

CompilerSet makeprg=dossier\ check
" path:line:col: severity: message [code]
CompilerSet errorformat=%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tnformation:\ %m,
      \%f:%l:%c:\ hint:\ %m,
      \%-G%.%#
