;;; dossier.el --- Dossier annotations and language server for Markdown  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Keywords: languages, text, tools

;;; Commentary:

;; Support for Dossier, annotated news articles in Markdown.
;;
;; - Registers `dossier lsp' with Eglot for `markdown-mode' and `gfm-mode'
;;   (hover, definition, references, rename, completion, diagnostics
;;   through Flymake, code actions).
;; - `dossier-mode', a minor mode that highlights mentions, claim and quote
;;   attribute blocks and actor headings without the server.
;; - `dossier-check', which runs `dossier check' in a compilation buffer.
;;
;; Typical set-up:
;;
;;   (add-hook 'markdown-mode-hook #'dossier-maybe-enable)
;;
;; turns both on for Markdown files below a dossier.json.

;;; Code:

(require 'cl-lib)
(require 'compile)
(require 'eglot)

(defgroup dossier nil
  "Annotated news articles in Markdown."
  :group 'tools
  :prefix "dossier-")

(defcustom dossier-program "dossier"
  "The `dossier' executable, a name on `exec-path' or an absolute file name."
  :type 'string)

(defcustom dossier-initialization-options nil
  "Settings sent to the server at start-up, shaped like dossier.json.
A plist such as (:rules (:unlinked-mention \"off\")).  They override
the workspace's dossier.json."
  :type 'plist)

(defcustom dossier-check-arguments nil
  "Extra arguments for `dossier check', e.g. (\"--min-severity\" \"hint\")."
  :type '(repeat string))

;;;; Language server

(defclass dossier-eglot-server (eglot-lsp-server) ()
  :documentation "Eglot connection to `dossier lsp'.")

(cl-defmethod eglot-initialization-options ((_server dossier-eglot-server))
  "Send `dossier-initialization-options'; JSON wants {} rather than null."
  (or dossier-initialization-options (make-hash-table)))

(defun dossier--server-contact (&optional _interactive)
  "Eglot contact for the Dossier server, read when a server starts."
  (list 'dossier-eglot-server dossier-program "lsp"))

(add-to-list 'eglot-server-programs
             (cons '(markdown-mode gfm-mode) #'dossier--server-contact))

(defun dossier--workspace (dir)
  "The nearest folder at or above DIR with a dossier.json, not above a .git.
A dossier.json above the repository (a stray one in a home or temporary
folder) is not this project's."
  (let ((root (dossier--root dir)))
    (and root (file-exists-p (expand-file-name "dossier.json" root)) root)))

(defun dossier-project-find (dir)
  "A project.el project for DIR: the nearest folder with a dossier.json.
Eglot hands the server the project root as its workspace; without this, a
folder of articles outside version control would become a project of one
file.  Hooked in last, so a version-controlled project still wins."
  (let ((root (dossier--workspace dir)))
    (and root (cons 'transient (expand-file-name root)))))

(add-hook 'project-find-functions #'dossier-project-find 90)

;;;; Highlighting

(defface dossier-mention-face
  '((t :inherit font-lock-variable-name-face))
  "Face for the @id of a mention.")

(defface dossier-attribute-face
  '((t :inherit shadow))
  "Face for claim, quote and actor attribute blocks.")

(defface dossier-keyword-face
  '((t :inherit font-lock-keyword-face))
  "Face for .claim and .quote.")

(defface dossier-attribute-name-face
  '((t :inherit font-lock-builtin-face))
  "Face for attribute names such as by= and cite=.")

(defface dossier-claim-id-face
  '((t :inherit font-lock-constant-face))
  "Face for claim ids and cited claims.")

(defface dossier-actor-id-face
  '((t :inherit font-lock-function-name-face))
  "Face for the id that an actor heading defines.")

(defface dossier-kind-face
  '((t :inherit font-lock-type-face))
  "Face for an actor's kind class, such as .person.")

(defface dossier-string-face
  '((t :inherit font-lock-string-face))
  "Face for attribute values such as a quoted source or a cue.")

(defconst dossier--id "[a-z0-9]+\\(?:-[a-z0-9]+\\)*"
  "An actor or claim id.")

(defconst dossier--code-faces
  '(markdown-code-face markdown-inline-code-face markdown-pre-face
    markdown-comment-face markdown-metadata-value-face
    markdown-metadata-key-face font-lock-comment-face)
  "Faces of text where Dossier recognises nothing (code, comments, front matter).")

(defun dossier--in-code-p (pos)
  "Non-nil if the major mode fontified POS as code or a comment."
  (let ((face (get-text-property pos 'face)))
    (cl-some (lambda (f) (memq f dossier--code-faces))
             (if (listp face) face (list face)))))

(defun dossier--matcher (regexp)
  "A font-lock matcher for REGEXP that skips code and comments.
What counts is where group 1 (else the whole match) starts.  Our keywords
run after the major mode's, so its faces are already there."
  (lambda (limit)
    (let ((case-fold-search nil) found)
      (while (and (not found) (re-search-forward regexp limit t))
        (unless (dossier--in-code-p (or (match-beginning 1) (match-beginning 0)))
          (setq found t)))
      found)))

(defun dossier--within-group (group)
  "Font-lock PRE-FORM: search from the start of GROUP up to its end."
  (goto-char (match-beginning group))
  (match-end group))

(defun dossier--inside (group &rest highlighters)
  "Anchored font-lock highlighters that apply within match GROUP.
Each of HIGHLIGHTERS is (REGEXP SUBEXP FACE)."
  (mapcar (lambda (h)
            `(,(nth 0 h) (dossier--within-group ,group) nil
              (,(nth 1 h) ',(nth 2 h) t)))
          highlighters))

(defconst dossier--attribute-highlighters
  `(("[{[:space:]]\\([[:alpha:]_][[:alnum:]_-]*\\)=" 1 dossier-attribute-name-face)
    ("\"[^\"\n]*\"" 0 dossier-string-face)
    ("=\\([^[:space:]}\"@#,][^[:space:]},]*\\)" 1 dossier-string-face))
  "Highlighters for attributes common to claims, quotes and actors.")

(defconst dossier--font-lock-keywords
  (let ((kinds (regexp-opt '("person" "organization" "country" "court" "outlet"
                             "group" "place" "document" "event")))
        (id-then-class (concat "#" dossier--id "[^}\n]*[[:space:]]\\.[[:alpha:]]"))
        (class-then-id (concat "\\.[[:alpha:]][^}\n]*[[:space:]]#" dossier--id)))
    `(;; ]{#id .claim by=@nyt cue=said}; a block wrapped onto the next line
      ;; is highlighted up to the end of this one.
      (,(dossier--matcher
         (concat "\\]\\({\\(?:[^}\n]*[[:space:]]\\)?\\.\\(?:claim\\|quote\\)"
                 "\\(?:[[:space:]][^}\n]*\\)?\\(?:}\\|$\\)\\)"))
       (1 'dossier-attribute-face t)
       ,@(apply #'dossier--inside 1
                `("[{[:space:]]\\(\\.\\(?:claim\\|quote\\)\\)" 1 dossier-keyword-face)
                `(,(concat "[{[:space:]]\\(#" dossier--id "\\)") 1 dossier-claim-id-face)
                `(,(concat "[=,]\\(#" dossier--id "\\)") 1 dossier-claim-id-face)
                dossier--attribute-highlighters))
      ;; ## Lloyd Austin {#lloyd-austin .person}
      (,(dossier--matcher
         (concat "^#\\{1,6\\}[ \t].*[ \t]\\({\\(?:[^}\n]*[[:space:]]\\)?"
                 "\\(?:" id-then-class "\\|" class-then-id "\\)[^}\n]*}\\)[ \t]*$"))
       (1 'dossier-attribute-face t)
       ,@(apply #'dossier--inside 1
                `(,(concat "[{[:space:]]\\(#" dossier--id "\\)") 1 dossier-actor-id-face)
                `(,(concat "[{[:space:]]\\(\\." kinds "\\)[[:space:]}]") 1 dossier-kind-face)
                dossier--attribute-highlighters))
      ;; @lloyd-austin, bare or linked as [Lloyd Austin](@lloyd-austin), but
      ;; not in e-mail addresses, URLs or after \.  Last, so that mentions
      ;; stand out inside attribute blocks too.
      (,(dossier--matcher
         (concat "\\(?:^\\|[^[:alnum:]_@./\\]\\)\\(@" dossier--id "\\)"))
       (1 'dossier-mention-face t))))
  "Font-lock keywords of `dossier-mode'.")

;;;###autoload
(define-minor-mode dossier-mode
  "Highlight Dossier mentions, claims, quotes and actor headings."
  :lighter " Dossier"
  (if dossier-mode
      (font-lock-add-keywords nil dossier--font-lock-keywords 'append)
    (font-lock-remove-keywords nil dossier--font-lock-keywords))
  (font-lock-flush))

(defun dossier--root (&optional file)
  "The workspace root of FILE: the nearest folder with dossier.json or .git."
  (let ((start (or file buffer-file-name default-directory)))
    (locate-dominating-file
     start (lambda (dir)
             (or (file-exists-p (expand-file-name "dossier.json" dir))
                 (file-exists-p (expand-file-name ".git" dir)))))))

;;;###autoload
(defun dossier-maybe-enable ()
  "Turn on `dossier-mode' and Eglot if a dossier.json is found upward.
Meant for `markdown-mode-hook', so other Markdown files stay untouched."
  (when (and buffer-file-name (dossier--workspace buffer-file-name))
    (dossier-mode 1)
    (eglot-ensure)))

;;;; dossier check

(add-to-list 'compilation-error-regexp-alist-alist
             '(dossier
               "^\\([^:\n]+\\):\\([0-9]+\\):\\([0-9]+\\): \\(?:error\\|\\(warning\\)\\|\\(information\\|hint\\)\\): "
               1 2 3 (4 . 5)))

(define-compilation-mode dossier-check-mode "Dossier"
  "Output of `dossier check'."
  (setq-local compilation-error-regexp-alist '(dossier))
  ;; The checker counts columns in characters, not screen columns.
  (setq-local compilation-error-screen-columns nil))

;;;###autoload
(defun dossier-check (&optional path)
  "Run `dossier check' on the current workspace in a compilation buffer.
With a prefix argument, ask for a file or folder PATH to check instead."
  (interactive
   (list (when current-prefix-arg (read-file-name "Check: " nil nil t))))
  (let ((default-directory (or (dossier--root (and path (expand-file-name path)))
                               default-directory)))
    (compilation-start
     (mapconcat #'shell-quote-argument
                (append (list dossier-program "check")
                        dossier-check-arguments
                        (and path (list (expand-file-name path))))
                " ")
     #'dossier-check-mode)))

(provide 'dossier)
;;; dossier.el ends here
