;;; eglot_smoke.el --- Smoke test of `dossier lsp' under Eglot  -*- lexical-binding: t; -*-

;;   DOSSIER_REPO=/path/to/repo DOSSIER_BIN=/path/to/dossier \
;;     timeout 120 emacs --batch -l editors/test/eglot_smoke.el
;;
;; Run without -Q so that Debian's site files put eglot and markdown-mode on
;; the load path.  Loads editors/emacs/dossier.el, opens the seeds/ file that
;; links [Lloyd Austin](@lloyd-austin) with `eglot-ensure', and checks hover
;; and Flymake diagnostics, printing `PASS name' / `FAIL name: why' lines.
;; Exits 0 only if every check passed.

;;; Code:

(require 'eglot)
(require 'flymake)
(require 'seq)
(require 'markdown-mode nil t)

(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown"
    "Stand-in for markdown-mode, which is not installed here."))

(load (expand-file-name "../emacs/dossier.el"
                        (file-name-directory (or load-file-name buffer-file-name)))
      nil t)
(defvar dossier-program)

(defconst dossier-smoke-mention "[Lloyd Austin](@lloyd-austin)")
(defconst dossier-smoke-step 20 "Seconds to wait for one step.")
(defconst dossier-smoke-total 90 "Seconds before the whole run gives up.")

(defvar dossier-smoke-passes 0)
(defvar dossier-smoke-failures 0)
(defvar dossier-smoke-buffer nil)

(defun dossier-smoke-say (line)
  "Print LINE on standard output."
  (princ (concat line "\n")))

(defun dossier-smoke-pass (name)
  "Record a passed check NAME."
  (setq dossier-smoke-passes (1+ dossier-smoke-passes))
  (dossier-smoke-say (concat "PASS " name)))

(defun dossier-smoke-fail (name why)
  "Record a failed check NAME, explained by WHY."
  (setq dossier-smoke-failures (1+ dossier-smoke-failures))
  (dossier-smoke-say (format "FAIL %s: %s" name
                             (replace-regexp-in-string "\n" " | " (format "%s" why)))))

(defun dossier-smoke-finish ()
  "Shut the server down and exit with the verdict."
  (let ((server (and (buffer-live-p dossier-smoke-buffer)
                     (with-current-buffer dossier-smoke-buffer
                       (eglot-current-server)))))
    (when server
      (ignore-errors (with-timeout (5) (eglot-shutdown server)))))
  (kill-emacs (if (and (zerop dossier-smoke-failures) (> dossier-smoke-passes 0)) 0 1)))

(defun dossier-smoke-wait (predicate)
  "Spin the event loop until PREDICATE is non-nil or a step times out.
Batch Emacs has no command loop, so the hooks that Eglot and Flymake
defer their work to are run by hand."
  (let ((deadline (+ (float-time) dossier-smoke-step)) result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.1)
      (run-hooks 'post-command-hook))
    result))

(defun dossier-smoke-seed-file (repo)
  "The file under REPO/seeds that contains `dossier-smoke-mention'."
  (let ((files (directory-files-recursively (expand-file-name "seeds" repo) "\\.md\\'")))
    (unless files
      (error "No Markdown files under %s/seeds" repo))
    (or (seq-find (lambda (file)
                    (with-temp-buffer
                      (insert-file-contents file)
                      (search-forward dossier-smoke-mention nil t)))
                  files)
        (error "No file under seeds/ contains %s" dossier-smoke-mention))))

(defun dossier-smoke-connect (file)
  "Visit FILE and connect Eglot to it."
  (setq dossier-smoke-buffer (find-file-noselect file))
  (set-buffer dossier-smoke-buffer)
  (markdown-mode)
  (eglot-ensure)
  (if (dossier-smoke-wait (lambda () (eglot-current-server)))
      (dossier-smoke-pass (format "eglot connects (root %s)"
                                  (ignore-errors
                                    (project-root (eglot--project (eglot-current-server))))))
    (error "Eglot did not connect within %ss" dossier-smoke-step)))

(defun dossier-smoke-hover ()
  "Hover on the mention's @id."
  (goto-char (point-min))
  (search-forward dossier-smoke-mention)
  (goto-char (+ (match-beginning 0) (length "[Lloyd Austin](@") 2))
  (condition-case err
      (let* ((result (jsonrpc-request (eglot-current-server) :textDocument/hover
                                      (eglot--TextDocumentPositionParams)
                                      :timeout dossier-smoke-step))
             (text (format "%S" (plist-get result :contents))))
        (if (string-search "Lloyd Austin" text)
            (dossier-smoke-pass (concat "hover on " dossier-smoke-mention))
          (dossier-smoke-fail "hover" (concat "contents lack \"Lloyd Austin\": " text))))
    (error (dossier-smoke-fail "hover" (error-message-string err)))))

(defun dossier-smoke-diagnostics ()
  "Add a mention of an unknown id and wait for Flymake to report it."
  (goto-char (point-max))
  (insert "\nSeen with [Nobody](@no-such-actor-zz).\n")
  (forward-line -1)
  (let ((start (line-beginning-position)) (end (line-end-position)))
    (eglot--signal-textDocument/didChange)
    (let ((found (dossier-smoke-wait
                  (lambda ()
                    (flymake-start)
                    (flymake-diagnostics start end)))))
      (if found
          (dossier-smoke-pass
           (format "flymake diagnostic on an unknown id: %s"
                   (flymake-diagnostic-text (car found))))
        (dossier-smoke-fail "flymake diagnostic on an unknown id"
                            (format "none on line %d; all: %S" (line-number-at-pos)
                                    (mapcar #'flymake-diagnostic-text
                                            (flymake-diagnostics))))))))

(defun dossier-smoke-main ()
  "Run every check."
  (let ((repo (getenv "DOSSIER_REPO")))
    (unless (and repo (not (string-empty-p repo)))
      (error "Set DOSSIER_REPO to the repository root"))
    (setq dossier-program (or (getenv "DOSSIER_BIN") "dossier"))
    (dossier-smoke-connect (dossier-smoke-seed-file repo))
    (dossier-smoke-hover)
    (dossier-smoke-diagnostics)))

(run-at-time dossier-smoke-total nil
             (lambda ()
               (dossier-smoke-fail "smoke" (format "gave up after %ss" dossier-smoke-total))
               (dossier-smoke-finish)))

(condition-case err
    (dossier-smoke-main)
  (error (dossier-smoke-fail "smoke" (error-message-string err))))
(dossier-smoke-finish)

;;; eglot_smoke.el ends here
