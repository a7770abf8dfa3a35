;;; driver.el --- Emacs in batch mode as a real eglot client of vmdisk  -*- lexical-binding: t -*-
;;
;; Loaded after init-snippet.el (the snippet of docs/editors.md, verbatim). Opens each file named in
;; $VMDISK_EMACS_FILES (separated by newlines) the way a user would, lets eglot start the server
;; through `eglot-ensure', waits until Flymake holds eglot's diagnostics for every file, and writes
;; what happened as JSON to $VMDISK_EMACS_RESULT. Every wait is `accept-process-output' bounded by
;; a deadline: it returns as soon as the server has written something.

(require 'json)
(require 'subr-x)
(require 'flymake)

(defvar vmdisk-driver-published nil
  "Each publishDiagnostics as the server sent it: (URI . DIAGNOSTICS-VECTOR), newest first.")

;; Keep the raw notification (code, range, severity) before eglot turns it into Flymake diagnostics.
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (push (cons (plist-get params :uri) (plist-get params :diagnostics))
                      vmdisk-driver-published))))

(defun vmdisk-driver-wait (what seconds predicate)
  "Process server output until PREDICATE holds; signal an error naming WHAT after SECONDS."
  (let ((deadline (+ (float-time) seconds)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (error "Timed out after %ss waiting for %s" seconds what))
      (accept-process-output nil 0.05))))

(defun vmdisk-driver-code (diag)
  "The LSP code of the Flymake diagnostic DIAG made by eglot."
  (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diag)) :code))

(defun vmdisk-driver-describe (diag)
  "DIAG as JSON-ready data: Emacs position (line from 1, column in characters from 0) and text."
  (let ((beg (flymake-diagnostic-beg diag))
        (end (flymake-diagnostic-end diag)))
    (save-excursion
      (goto-char beg)
      `((code . ,(vmdisk-driver-code diag))
        (type . ,(symbol-name (flymake-diagnostic-type diag)))
        (line . ,(line-number-at-pos beg))
        (column . ,(- beg (line-beginning-position)))
        (text . ,(buffer-substring-no-properties beg end))
        (message . ,(flymake-diagnostic-text diag))))))

;; Batch mode has no command loop. `eglot-ensure' connects once the current command is over
;; (`post-command-hook') and Flymake starts checking a buffer once it is displayed
;; (`window-configuration-change-hook', run by redisplay): end the "command" that visited the
;; file as the command loop and redisplay would.
(defun vmdisk-driver-end-command ()
  (run-hooks 'post-command-hook)
  (run-window-configuration-change-hook))

(defun vmdisk-driver-open (file)
  "Visit FILE as a user would and return the data the test checks."
  (let ((buffer (find-file-noselect file)))
    (switch-to-buffer buffer)
    (vmdisk-driver-end-command)
    (vmdisk-driver-wait "eglot to manage the buffer" 30
                        (lambda () (bound-and-true-p eglot--managed-mode)))
    (vmdisk-driver-wait "Flymake diagnostics from eglot" 30
                        (lambda () (member "native-aio-needs-direct"
                                           (mapcar #'vmdisk-driver-code (flymake-diagnostics)))))
    (let ((server (eglot-current-server)))
      `((file . ,file)
        (mode . ,(symbol-name major-mode))
        (languageId . ,(eglot--language-id server))
        (server . ,(mapconcat #'identity (process-command (jsonrpc--process server)) " "))
        (pid . ,(process-id (jsonrpc--process server)))
        (flymake . ,(vconcat (mapcar #'vmdisk-driver-describe (flymake-diagnostics))))
        (published . ,(or (cdr (assoc (eglot--path-to-uri file) vmdisk-driver-published)) []))))))

(let ((result-path (getenv "VMDISK_EMACS_RESULT"))
      (result nil))
  (condition-case err
      (let ((buffers (mapcar #'vmdisk-driver-open (split-string (getenv "VMDISK_EMACS_FILES") "\n" t))))
        (setq result `((ok . t) (error . nil) (emacs . ,emacs-version)
                       (eglot . ,(locate-library "eglot"))
                       (servers . ,(apply #'+ (mapcar #'length (hash-table-values eglot--servers-by-project))))
                       (buffers . ,(vconcat buffers)))))
    (error (setq result `((ok . :json-false) (error . ,(error-message-string err))))))
  (eglot-shutdown-all)
  (let ((coding-system-for-write 'utf-8))
    (with-temp-file result-path
      (insert (json-encode result))))
  (kill-emacs (if (eq (alist-get 'ok result) t) 0 1)))
