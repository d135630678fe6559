# config.mk: what a packager edits. The Makefile only includes it.
VERSION    = 0.1.0
PREFIX     = /usr/local
BINDIR     = $(PREFIX)/bin
DATADIR    = $(PREFIX)/share/sitmap
MANDIR     = $(PREFIX)/share/man/man1
DOCDIR     = $(PREFIX)/share/doc/sitmap
# bash-completion's directory under PREFIX, as its pkg-config file names it
# (Debian's hard-codes /usr/share: PREFIX's share/ replaces it), else the usual one
BASHCOMPDIR = $(shell $(PKG_CONFIG) --define-variable=prefix=$(PREFIX) \
	--define-variable=datadir=$(PREFIX)/share --variable=completionsdir bash-completion \
	2>/dev/null || echo $(PREFIX)/share/bash-completion/completions)
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
CC         = cc
PKG_CONFIG = pkg-config
CORE_PKGS  = shapelib proj zlib yajl
UI_PKGS    = ncursesw
WARN       = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wwrite-strings -Wformat=2 -Wundef -Werror
OPT        = -O2 -g
CFLAGS     = -std=c11 -pthread $(OPT) $(WARN)
CPPFLAGS   = -D_GNU_SOURCE -DSITMAP_VERSION='"$(VERSION)"' -DSITMAP_DATADIR='"$(DATADIR)"'
LDFLAGS    =
