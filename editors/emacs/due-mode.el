;;; due-mode.el --- Major mode for due receivables ledgers  -*- lexical-binding: t; -*-

;; Colours for .due ledgers and, with eglot, live checks, completion, hover and formatting
;; from `due lsp'.  Install: put this file on `load-path', then
;;   (require 'due-mode)
;;   (with-eval-after-load 'eglot
;;     (add-to-list 'eglot-server-programs '(due-mode "due" "lsp")))
;;   (add-hook 'due-mode-hook #'eglot-ensure)

;;; Code:

(defvar due-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?\; "<" table)
    (modify-syntax-entry ?\n ">" table)
    (dolist (c '(?- ?_ ?. ?/ ?#)) (modify-syntax-entry c "_" table))
    table)
  "Syntax table for `due-mode': `;' starts a comment.")

(defconst due-font-lock-keywords
  `(("^[ \t]*#.*$" . font-lock-comment-face)
    ("^\\([0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\)[ \t]+\\([a-z]+\\)\\(?:[ \t]+\\([^ \t;]+\\)\\)?"
     (1 font-lock-constant-face) (2 font-lock-keyword-face) (3 font-lock-variable-name-face nil t))
    ("^\\(client\\)[ \t]+\\([^ \t;]+\\)" (1 font-lock-keyword-face) (2 font-lock-variable-name-face))
    ("^\\(include\\|settings\\|sender\\)\\_>" . font-lock-keyword-face)
    ("^[ \t]+\\([0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\)" 1 font-lock-constant-face)
    ;; A returned payment: the day it came back, and the bank's reason as text.
    ("^[ \t]+returned[ \t]+\\([0-9]\\{4\\}-[0-9]\\{2\\}-[0-9]\\{2\\}\\)\\(?:[ \t]+\\([^; \t\n]\\(?:[^;\n]*[^; \t\n]\\)?\\)\\)?"
     (1 font-lock-constant-face) (2 font-lock-string-face nil t))
    ("^[ \t]+\\([a-z][a-z-]*\\)" 1 font-lock-builtin-face)
    ("\\_<[A-Z]\\{3\\}\\_>" . font-lock-type-face)
    ("\\_<-?[0-9][0-9,]*\\(?:\\.[0-9]+\\)?%?\\_>" . font-lock-constant-face))
  "Highlighting for `due-mode'.")

;;;###autoload
(define-derived-mode due-mode prog-mode "due"
  "Major mode for due receivables ledgers."
  :syntax-table due-mode-syntax-table
  (setq-local comment-start "; ")
  (setq-local comment-start-skip ";+[ \t]*")
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 2)
  (setq-local font-lock-defaults '(due-font-lock-keywords)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.due\\'" . due-mode))

(provide 'due-mode)
;;; due-mode.el ends here
