" Vim syntax for due ledgers (grammar.md in the due repository).
if exists('b:current_syntax')
  finish
endif

syntax match dueComment /^\s*[;#].*$/
syntax match dueComment /\s\zs;.*$/
syntax match dueDate /\<\d\{4}-\d\{2}-\d\{2}\>/
syntax match dueAmount /\%([[:alnum:]./#-]\)\@<!-\=\d[0-9,]*\%(\.\d\+\)\=%\=\%([[:alnum:]./#-]\)\@!/
syntax match dueCurrency /\<[A-Z]\{3}\>/
syntax match dueHeader /^\d\{4}-\d\{2}-\d\{2}\s\+\a\+\s\+[^ \t;]\+/ contains=dueDate,dueKind
syntax match dueKind /\s\zs\%(invoice\|payment\|credit\|writeoff\|refund\|note\|plan\|letter\|balance\)\>/ contained nextgroup=dueClient skipwhite
syntax match dueClient /[^ \t;]\+/ contained
syntax match dueTop /^\%(include\|settings\|sender\|client\)\>/
syntax match dueClientHeader /^client\s\+\zs[^ \t;]\+/
syntax match dueDetail /^\s\+\zs[a-z][a-z-]*\>/
" A returned payment's reason is words of the bank's, not amounts or currencies ("NSF").
syntax match dueReturned /\%(^\s\+returned\s\+\d\{4}-\d\{2}-\d\{2}\s\+\)\@<=[^; \t]\%([^;]*[^; \t]\)\=/

setlocal commentstring=;\ %s
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal iskeyword=@,48-57,-,_,.,/,#

highlight default link dueComment Comment
highlight default link dueDate Constant
highlight default link dueAmount Number
highlight default link dueCurrency Type
highlight default link dueKind Keyword
highlight default link dueTop Keyword
highlight default link dueDetail Statement
highlight default link dueClient Identifier
highlight default link dueClientHeader Identifier
highlight default link dueReturned String

let b:current_syntax = 'due'
