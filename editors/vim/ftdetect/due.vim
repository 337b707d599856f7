" .due files are due ledgers.
autocmd BufRead,BufNewFile *.due setfiletype due
