-- A real editor as the client of `due lsp`: opens a ledger in headless Neovim (0.7 or later),
-- starts the server, waits for diagnostics, types a payment header and asks for completion,
-- then hovers a client. Writes a transcript to $DUE_TRANSCRIPT and quits.
-- Run: DUE_BIN=.build/debug/due DUE_FILE=samples/studio.due DUE_TRANSCRIPT=/tmp/t.txt \
--      nvim --headless -n -u NONE -c 'luafile Scripts/nvim-lsp-check.lua'
local bin, file, transcript = os.getenv('DUE_BIN'), os.getenv('DUE_FILE'), os.getenv('DUE_TRANSCRIPT')
local lines = {}
local function log(s) table.insert(lines, s) end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local published = 0
local client_id = vim.lsp.start_client({
  name = 'due',
  cmd = { bin, 'lsp', '--as-of', '2026-11-20' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  flags = { debounce_text_changes = 0 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      published = published + 1
      local codes = {}
      for _, d in ipairs(result.diagnostics) do table.insert(codes, (d.code or '?') .. ' line ' .. (d.range.start.line + 1)) end
      log('publishDiagnostics ' .. vim.fn.fnamemodify(vim.uri_to_fname(result.uri), ':t') .. ': ' .. #result.diagnostics .. ' ' .. table.concat(codes, ', '))
    end,
  },
})
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
log('server started: ' .. tostring(client ~= nil))
log('diagnostics received: ' .. tostring(vim.wait(15000, function() return published >= 2 end, 20)))

-- Type a payment for a client, then ask what may follow it.
local n = vim.api.nvim_buf_line_count(buf)
local before = published
vim.api.nvim_buf_set_lines(buf, n, n, false, { '2026-11-20 payment ' })
vim.wait(15000, function() return published > before end, 20)
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = n, character = 19 } }
local answer = client.request_sync('textDocument/completion', params, 15000, buf)
local labels = {}
for _, item in ipairs((answer and answer.result and answer.result.items) or {}) do table.insert(labels, item.label) end
log('completion after "2026-11-20 payment ": ' .. table.concat(labels, ' '))

-- A typo in the kind: the server reports it.
before = published
vim.api.nvim_buf_set_lines(buf, n, n + 1, false, { '2026-11-20 paymnt nordlicht 10.00' })
vim.wait(15000, function() return published > before end, 20)

-- Hover on the client of the last invoice header in the file.
local row = vim.fn.search('^\\d\\{4}-\\d\\{2}-\\d\\{2} invoice ', 'bn')
local header = vim.api.nvim_buf_get_lines(buf, row - 1, row, false)[1]
local col = select(2, header:find('invoice ')) + 1
local hover = client.request_sync('textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row - 1, character = col } }, 15000, buf)
local value = hover and hover.result and hover.result.contents and hover.result.contents.value or ''
log('hover on line ' .. row .. ': ' .. (value:gsub('\n', ' | ')))

local shut = client.request_sync('shutdown', nil, 5000, buf)
log('shutdown answered: ' .. tostring(shut ~= nil and shut.err == nil))
client.notify('exit')
vim.fn.writefile(lines, transcript)
vim.cmd('qa!')
