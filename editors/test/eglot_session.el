;;; eglot_session.el --- The first minutes of a Dossier user under Eglot  -*- lexical-binding: t; -*-

;;   DOSSIER_REPO=/path/to/repo DOSSIER_BIN=/path/to/dossier DOSSIER_SESSION_OUTPUT=/tmp/out \
;;     TERM=xterm timeout 180 script -qec 'emacs -nw -q -l editors/test/eglot_session.el' /dev/null
;;     cat /tmp/out
;;
;; Emacs runs in a terminal (`script' lends it one), not with --batch: batch
;; Emacs reads its input straight from stdin and never delivers file
;; notifications, so the watchers Eglot registers for the server would stay
;; silent.  The results go to the file DOSSIER_SESSION_OUTPUT, as the terminal
;; shows only Emacs's screen.  Run with -q, not -Q, so that Debian's site files
;; put eglot and markdown-mode on the load path.  On a fresh copy of seeds/ each run, with editors/emacs/dossier.el
;; loaded, acts as a person would: opens brief.md and cast.md as Emacs starts (while the
;; server is still indexing) and waits without editing; completes a name in
;; prose with `completion-at-point'; and, with cast.md closed, removes an
;; actor from it with a plain file write, then restores it.  It asserts only what
;; Emacs holds (Flymake's diagnostics, the buffer's text), compared with
;; `dossier check --format json --min-severity hint' for the diagnostics.
;; One `PASS name (detail)' or `FAIL name: why' line per scenario; exits 0 only
;; if every one passed.

;;; Code:

(require 'eglot)
(require 'flymake)
(require 'json)
(require 'seq)
(require 'subr-x)
(require 'markdown-mode nil t)

(unless (fboundp 'markdown-mode)
  (define-derived-mode markdown-mode text-mode "Markdown"
    "Stand-in for markdown-mode, which is not installed here."))

(load (expand-file-name "../emacs/dossier.el"
                        (file-name-directory (or load-file-name buffer-file-name)))
      nil t)
(defvar dossier-program)

(defconst dossier-session-step 10 "Seconds to wait for any one thing.")
(defconst dossier-session-settle 0.6 "Seconds without change for diagnostics to count as settled.")
(defconst dossier-session-total 170 "Seconds before the whole run gives up.")

(defvar dossier-session-passes 0)
(defvar dossier-session-failures 0)
(defvar dossier-session-root nil "The temporary copy of seeds/.")
(defvar dossier-session-brief nil "The buffer visiting brief.md.")

(defvar dossier-session-output (getenv "DOSSIER_SESSION_OUTPUT")
  "The file the result lines are appended to.")

(defun dossier-session-say (line)
  "Append LINE to `dossier-session-output'."
  (write-region (concat line "\n") nil dossier-session-output t 'quiet))

(defun dossier-session-pass (name &optional detail)
  "Record the passed scenario NAME, with DETAIL."
  (setq dossier-session-passes (1+ dossier-session-passes))
  (dossier-session-say (concat "PASS " name (if detail (format " (%s)" detail) ""))))

(defun dossier-session-fail (name why)
  "Record the failed scenario NAME, explained by WHY."
  (setq dossier-session-failures (1+ dossier-session-failures))
  (dossier-session-say (format "FAIL %s: %s" name
                               (replace-regexp-in-string "\n" " | " (format "%s" why)))))

(defun dossier-session-finish ()
  "Shut the server down, remove the copy and exit with the verdict."
  (let ((server (and (buffer-live-p dossier-session-brief)
                     (with-current-buffer dossier-session-brief (eglot-current-server)))))
    (when server
      (ignore-errors (with-timeout (5) (eglot-shutdown server)))))
  (when dossier-session-root
    (ignore-errors (delete-directory dossier-session-root t)))
  (kill-emacs (if (and (zerop dossier-session-failures) (> dossier-session-passes 0)) 0 1)))

(defun dossier-session-spin (seconds)
  "Let Emacs run for SECONDS: process output, timers and file notifications.
The scenarios run from a timer, where no command ends, so the
`post-command-hook' that Eglot defers its connection to is run by hand.
`read-event', not `sit-for': `sit-for' returns at once while any input is
pending (the terminal's answers to Emacs's own queries), and file
notifications wait behind that input; `read-event' handles them and takes
the input, which no scenario needs."
  (read-event nil nil seconds)
  (run-hooks 'post-command-hook))

(defun dossier-session-wait (seconds predicate)
  "Spin the event loop until PREDICATE is non-nil (returned) or SECONDS pass."
  (let ((deadline (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate)))
                (< (float-time) deadline))
      (dossier-session-spin 0.05))
    result))

(defun dossier-session-copy-seeds (repo)
  "A fresh copy of REPO's seeds/ in a temporary folder.
Its dossier.json makes it the root."
  (let ((root (file-truename (make-temp-file "dossier-eglot-session" t))))
    (dolist (file (directory-files (expand-file-name "seeds" repo) t "\\`[^.]"))
      (unless (file-directory-p file)
        (copy-file file (expand-file-name (file-name-nondirectory file) root))))
    root))

;;; Diagnostics: Flymake's against `dossier check'

(defun dossier-session-checked (root)
  "`dossier check' on ROOT, as a hash table.
It maps each relative path to entries like \"code L:C-L:C\"."
  (let* ((output (with-output-to-string
                   (with-current-buffer standard-output
                     (call-process dossier-program nil t nil "check" root
                                   "--format" "json" "--min-severity" "hint"))))
         (report (condition-case nil
                     (json-parse-string output :object-type 'alist :array-type 'list)
                   (error (error "Dossier check gave no JSON report: %s"
                                 (substring output 0 (min 300 (length output)))))))
         (table (make-hash-table :test #'equal)))
    (dolist (d (alist-get 'diagnostics report))
      ;; Lines and columns 1-based, columns in Unicode scalars, end exclusive.
      (push (format "%s %d:%d-%d:%d" (alist-get 'code d) (alist-get 'line d) (alist-get 'column d)
                    (alist-get 'endLine d) (alist-get 'endColumn d))
            (gethash (alist-get 'path d) table)))
    table))

(defun dossier-session-position (pos)
  "POS as \"line:column\", 1-based.
Columns count characters (Unicode scalars), as Emacs does."
  (save-excursion
    (goto-char pos)
    (format "%d:%d" (line-number-at-pos pos t) (1+ (- pos (line-beginning-position))))))

(defun dossier-session-held (buffer)
  "Every diagnostic Flymake holds for BUFFER, as \"code L:C-L:C\" entries."
  (with-current-buffer buffer
    (flymake-start)
    (mapcar (lambda (d)
              (let ((spec (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
                (format "%s %s-%s" (or (plist-get spec :code) "?")
                        (dossier-session-position (flymake-diagnostic-beg d))
                        (dossier-session-position (flymake-diagnostic-end d)))))
            (flymake-diagnostics))))

(defun dossier-session-census (entries)
  "Counts by code in ENTRIES, e.g. \"unknown-actor 32, unknown-claim 16\"."
  (let (counts)
    (dolist (entry entries)
      (let ((code (car (split-string entry " "))))
        (setf (alist-get code counts nil nil #'equal) (1+ (alist-get code counts 0 nil #'equal)))))
    (mapconcat (lambda (pair) (format "%s %d" (car pair) (cdr pair)))
               (sort counts (lambda (a b) (string< (car a) (car b)))) ", ")))

(defun dossier-session-difference (got want)
  "nil when GOT and WANT hold the same entries as often, else what differs."
  (let ((extra (copy-sequence got)) (missing nil))
    (dolist (entry want)
      (if (member entry extra)
          (setq extra (let ((found nil))
                        (seq-remove (lambda (e) (and (not found) (equal e entry) (setq found t))) extra)))
        (push entry missing)))
    (when (or extra missing)
      (format "Emacs holds %d (%s), dossier check finds %d (%s); extra %d %S, missing %d %S"
              (length got) (dossier-session-census got) (length want) (dossier-session-census want)
              (length extra) (seq-take (sort extra #'string<) 4)
              (length missing) (seq-take (sort missing #'string<) 4)))))

(defun dossier-session-settled (buffer)
  "BUFFER's diagnostics once unchanged for `dossier-session-settle' seconds.
After a step without settling, the last ones seen."
  (let ((last nil) (since (float-time)) (deadline (+ (float-time) dossier-session-step)) (result nil))
    (while (and (not result) (< (float-time) deadline))
      (let ((now (sort (dossier-session-held buffer) #'string<)))
        (cond ((not (equal now last)) (setq last now since (float-time)))
              ((>= (- (float-time) since) dossier-session-settle) (setq result now))))
      (dossier-session-spin 0.1))
    (or result last)))

;;; Scenarios

(defun dossier-session-visit (name)
  "Visit NAME of the copy with Eglot, as `emacs brief.md cast.md' does.
Return the buffer."
  (with-current-buffer (find-file-noselect (expand-file-name name dossier-session-root))
    (markdown-mode)
    (eglot-ensure)
    (current-buffer)))

(defun dossier-session-startup (expected)
  "Open brief.md and cast.md at once, wait without editing.
Compare what Flymake holds with EXPECTED."
  (setq dossier-session-brief (dossier-session-visit "brief.md"))
  (let ((cast (dossier-session-visit "cast.md")))
    (unless (dossier-session-wait dossier-session-step
                                  (lambda () (and (with-current-buffer dossier-session-brief (eglot-current-server))
                                                  (with-current-buffer cast (eglot-current-server)))))
      (error "Eglot did not connect both buffers within %ss" dossier-session-step))
    (dossier-session-pass "eglot connects"
                          (with-current-buffer dossier-session-brief
                            (format "root %s" (project-root (eglot--project (eglot-current-server))))))
    (dolist (file (list (cons "brief.md" dossier-session-brief) (cons "cast.md" cast)))
      (let* ((name (car file))
             (want (gethash name expected))
             (mismatch nil)
             (matched (dossier-session-wait
                       dossier-session-step
                       (lambda ()
                         (setq mismatch (dossier-session-difference (dossier-session-settled (cdr file)) want))
                         (null mismatch)))))
        (if matched
            (dossier-session-pass (concat "startup diagnostics " name)
                                  (format "%d, equal to dossier check" (length want)))
          (dossier-session-fail (concat "startup diagnostics " name) mismatch))))
    ;; cast.md is closed before its file changes on disk (the last scenario).
    (with-current-buffer cast (set-buffer-modified-p nil))
    (kill-buffer cast)))

(defun dossier-session-completion ()
  "Type Lloy on a new line of brief.md and complete it at point."
  (with-current-buffer dossier-session-brief
    (goto-char (point-max))
    (insert "\nTalks with Lloy")
    (eglot--signal-textDocument/didChange)
    (let ((want "Talks with [Lloyd Austin](@lloyd-austin)"))
      (condition-case err
          (progn
            (completion-at-point)
            (dossier-session-wait 2 (lambda () (equal (thing-at-point 'line t) want)))
            (let ((line (string-trim-right (thing-at-point 'line t))))
              (if (equal line want)
                  (dossier-session-pass "completion-at-point prose name" want)
                (dossier-session-fail "completion-at-point prose name"
                                      (format "the line is %S, want %S" line want)))))
        (error (dossier-session-fail "completion-at-point prose name" (error-message-string err))))
      ;; Take the line out again, so brief.md is as on disk for the next scenario.
      (delete-region (line-beginning-position 0) (point-max))
      (eglot--signal-textDocument/didChange))))

(defun dossier-session-unknown-white-house ()
  "The unknown-actor diagnostic on brief.md's @white-house, if Flymake holds it."
  (with-current-buffer dossier-session-brief
    (flymake-start)
    (seq-find (lambda (d)
                (let ((spec (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
                  (and (equal (plist-get spec :code) "unknown-actor")
                       (string-search "white-house" (flymake-diagnostic-text d)))))
              (flymake-diagnostics))))

(defun dossier-session-disk-change ()
  "Remove the White House from the closed cast.md with a file write.
Then restore it."
  (let* ((cast (expand-file-name "cast.md" dossier-session-root))
         (original (with-temp-buffer (insert-file-contents-literally cast) (buffer-string)))
         (start (string-match "\n## White House {#white-house \\.organization}" original))
         (end (and start (string-match "\n## " original (1+ start)))))
    (unless (and start end) (error "Cast.md has no White House section to remove"))
    (when (dossier-session-unknown-white-house)
      (error "Brief.md already had the unknown-actor error before the file changed"))
    (with-temp-file cast (set-buffer-multibyte nil) (insert (substring original 0 start) (substring original end)))
    (let ((removed (dossier-session-wait 5 #'dossier-session-unknown-white-house)))
      (if removed
          (dossier-session-pass "disk change removed" "brief.md gains unknown-actor for @white-house")
        (dossier-session-fail "disk change removed"
                              "brief.md shows no unknown-actor error for @white-house 5 s after cast.md lost it"))
      (with-temp-file cast (set-buffer-multibyte nil) (insert original))
      (cond ((not removed)
             (dossier-session-fail "disk change restored" "not testable: the removal was never shown"))
            ((dossier-session-wait 5 (lambda () (not (dossier-session-unknown-white-house))))
             (dossier-session-pass "disk change restored" "the error goes away"))
            (t (dossier-session-fail "disk change restored"
                                     "the unknown-actor error is still shown 5 s after cast.md was restored"))))))

(defun dossier-session-main ()
  "Run every scenario."
  (let ((repo (getenv "DOSSIER_REPO")))
    (unless (and repo (not (string-empty-p repo)))
      (error "Set DOSSIER_REPO to the repository root"))
    (setq dossier-program (or (getenv "DOSSIER_BIN") "dossier"))
    (setq dossier-session-root (dossier-session-copy-seeds repo))
    (let ((expected (dossier-session-checked dossier-session-root)))
      (dossier-session-startup expected))
    (dolist (scenario (list #'dossier-session-completion #'dossier-session-disk-change))
      (condition-case err
          (funcall scenario)
        (error (dossier-session-fail (symbol-name scenario) (error-message-string err)))))))

(defun dossier-session-run ()
  "Run the session once Emacs's command loop is up, then exit."
  (condition-case err
      (dossier-session-main)
    (error (dossier-session-fail "session" (error-message-string err))))
  (dossier-session-finish))

(cond
 ((not dossier-session-output)
  (message "Set DOSSIER_SESSION_OUTPUT to the file for the results")
  (kill-emacs 2))
 (noninteractive
  (dossier-session-fail "session" "run in a terminal, not with --batch: batch Emacs delivers no file notifications")
  (kill-emacs 1))
 (t
  (run-at-time dossier-session-total nil
               (lambda ()
                 (dossier-session-fail "session" (format "gave up after %ss" dossier-session-total))
                 (dossier-session-finish)))
  (add-hook 'emacs-startup-hook (lambda () (run-at-time 0 nil #'dossier-session-run)))))

;;; eglot_session.el ends here
