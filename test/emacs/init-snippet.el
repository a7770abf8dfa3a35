;;; vmdisk with eglot: Emacs 29+ (eglot built in), or Emacs 26.3+ with the eglot package
;;; (Debian/Ubuntu: apt install elpa-eglot). Needs `vmdisk-language-server' on PATH.
(require 'eglot)

;; QEMU command-line files (*.args, *.qemu) get a mode of their own, so the server is told
;; their language.
(define-derived-mode qemu-cmdline-mode prog-mode "QEMU-cmdline"
  "Major mode for QEMU command-line files."
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("\\.\\(args\\|qemu\\)\\'" . qemu-cmdline-mode))

;; One entry per mode: eglot 1.9 (Emacs 28 on Debian 12) sends one language id for all buffers
;; of a server, so modes sharing an entry would all be checked as the first buffer's language.
;; The sh-mode entry replaces the default bash-language-server for shell scripts.
(dolist (mode-and-language '((nxml-mode . "xml")
                             (sh-mode . "shellscript")
                             (qemu-cmdline-mode . "qemu-cmdline")))
  (add-to-list 'eglot-server-programs
               `((,(car mode-and-language) :language-id ,(cdr mode-and-language))
                 . ("vmdisk-language-server" "--stdio"))))

(add-hook 'nxml-mode-hook #'eglot-ensure)
(add-hook 'sh-mode-hook #'eglot-ensure)
(add-hook 'qemu-cmdline-mode-hook #'eglot-ensure)

;; Settings, answered to the server's workspace/configuration request (section "vmdisk").
;; Per project instead: the same plist in .dir-locals.el, as
;; ((nil . ((eglot-workspace-configuration . (:vmdisk (:environment "development")))))).
(setq-default eglot-workspace-configuration
              '(:vmdisk (:environment "production"
                         :migration "expected"
                         :target (:qemuVersion "7.2" :libvirtVersion "9.0.0"))))
