" Dossier annotations layered on the Markdown syntax: mentions, claim/quote
" attribute blocks and actor heading attributes. Works without the language
" server; when it runs, its semantic tokens take precedence.

" markdown.vim switches to `syn case ignore`; ids are lower-case only.
syn case match

" [Lloyd Austin](@lloyd-austin): Markdown already makes the text a link and the
" parenthesis a markdownLink region; only the @id inside needs a group.
syn match dossierMentionId "(\@1<=@[a-z0-9]\+\%(-[a-z0-9]\+\)*)\@=" contained containedin=markdownLink

" @lloyd-austin, unless glued to a word, @, dot, slash or backslash (e-mail
" addresses, URLs, \@ escapes).
syn match dossierBareMention "\%(\w\|[@./\\]\)\@1<!@[a-z0-9]\+\%(-[a-z0-9]\+\)*"
      \ containedin=markdownH1,markdownH2,markdownH3,markdownH4,markdownH5,markdownH6

" ]{.claim by=@nyt} and ]{#id .quote by=@x cue=said}; may wrap, never across a
" blank line.
syn region dossierClaimAttrs matchgroup=dossierAttrDelimiter
      \ start="\]\@1<={\%(\%([^}]*\s\)\=\.claim[[:space:]}]\)\@="
      \ end="}" end="^\s*$"
      \ contains=@dossierSpanAttr
syn region dossierQuoteAttrs matchgroup=dossierAttrDelimiter
      \ start="\]\@1<={\%(\%([^}]*\s\)\=\.quote[[:space:]}]\)\@="
      \ end="}" end="^\s*$"
      \ contains=@dossierSpanAttr

" ## Lloyd Austin {#lloyd-austin .person}
syn region dossierActorAttrs matchgroup=dossierAttrDelimiter
      \ start="\s\@1<={\%([^}]*#[a-z0-9]\)\@=\%([^}]*\.\a\)\@=\%([^}]*}\s*$\)\@="
      \ end="}" oneline contained
      \ containedin=markdownH1,markdownH2,markdownH3,markdownH4,markdownH5,markdownH6
      \ contains=dossierActorId,dossierActorKind,@dossierAttr

syn cluster dossierSpanAttr contains=dossierSpanClass,dossierClaimId,dossierCiteRef,@dossierAttr
syn cluster dossierAttr contains=dossierAttrKey,dossierBareMention,dossierAttrString,dossierAttrWord,dossierAttrClass

" Generic attributes first: at the same position the item defined last wins.
syn match dossierAttrClass "\%(\s\|{\|^\)\@1<=\.\a[[:alnum:]_-]*" contained
syn match dossierAttrKey "\%(\s\|{\|^\)\@1<=\a[[:alnum:]_-]*=\@=" contained nextgroup=dossierAttrEquals
syn match dossierAttrEquals "=" contained
syn match dossierAttrString +"[^"]*"+ contained
syn match dossierAttrWord "=\@1<=[^[:space:]}"@#,][^[:space:]},]*" contained

syn match dossierSpanClass "\%(\s\|{\|^\)\@1<=\.\%(claim\|quote\)\%([[:space:]}]\|$\)\@=" contained
syn match dossierClaimId "\%(\s\|{\|^\)\@1<=#[a-z0-9]\+\%(-[a-z0-9]\+\)*\%([[:space:]}]\|$\)\@=" contained
syn match dossierCiteRef "[=,]\@1<=#[a-z0-9]\+\%(-[a-z0-9]\+\)*" contained
syn match dossierActorId "\%(\s\|{\)\@1<=#[a-z0-9]\+\%(-[a-z0-9]\+\)*\%([[:space:]}]\)\@=" contained
syn match dossierActorKind "\%(\s\|{\)\@1<=\.\%(person\|organization\|country\|court\|outlet\|group\|place\|document\|event\)\%([[:space:]}]\)\@=" contained

syn case ignore

hi def link dossierMentionId      Identifier
hi def link dossierBareMention    Identifier
hi def link dossierAttrDelimiter  Delimiter
hi def link dossierSpanClass      Keyword
hi def link dossierClaimId        Label
hi def link dossierCiteRef        Special
hi def link dossierActorId        Tag
hi def link dossierActorKind      StorageClass
hi def link dossierAttrClass      Type
hi def link dossierAttrKey        Type
hi def link dossierAttrEquals     Operator
hi def link dossierAttrString     String
hi def link dossierAttrWord       String

" Semantic tokens from the server (Neovim 0.9+ names them @lsp.type.*), linked
" so that every colour scheme shows actor kinds apart. `default` links leave
" colour schemes and users free to override; `:colorscheme` clears them, hence
" the ColorScheme autocommand.
if has('nvim-0.9')
  function! s:link_semantic_tokens() abort
    hi def link @lsp.type.person        Identifier
    hi def link @lsp.type.organization  Type
    hi def link @lsp.type.court         Type
    hi def link @lsp.type.group         Type
    hi def link @lsp.type.outlet        Special
    hi def link @lsp.type.country       Constant
    hi def link @lsp.type.place         Constant
    hi def link @lsp.type.document      PreProc
    hi def link @lsp.type.event         Label
    hi def link @lsp.type.claim         String
    hi def link @lsp.type.quote         String
    hi def link @lsp.mod.unattributed   DiagnosticUnderlineWarn
  endfunction
  call s:link_semantic_tokens()
  augroup dossier_semantic_tokens
    autocmd!
    autocmd ColorScheme * call s:link_semantic_tokens()
  augroup END
endif
