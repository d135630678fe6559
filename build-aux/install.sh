#!/bin/sh
# install.sh install|uninstall: make install and make uninstall.
#
# install copies the program, the manual, maps/, data/, the licences and the
# shell completions, and records in a manifest each file it wrote (with its
# SHA-256) and each directory it had to create. uninstall removes exactly
# the files of the manifest that still hold what install wrote, then the
# directories install created, deepest first, when they are empty: never a
# file a user put beside them or changed since, never rm -rf.
#
# From the Makefile, in the source directory, with BIN (the program to
# install), COMPDIR (the generated completions), DESTDIR (may be empty) and
# the target directories BINDIR, MANDIR, DATADIR, DOCDIR, BASHCOMPDIR and
# ZSHCOMPDIR. The manifest is DATADIR/install-manifest; paths in it are the
# installed ones, without DESTDIR.
set -eu
: "${DESTDIR=}"
MANIFEST=$DATADIR/install-manifest
M=$DESTDIR$MANIFEST

# every line of the manifest but its comments: "d - DIR" or "f SHA256 FILE"
entries() {
	[ -f "$M" ] && grep -v '^#' "$M" || true
}

do_install() {
	new=$(mktemp)
	trap 'rm -f "$new" "$M.tmp"' EXIT
	# what an earlier install created or wrote stays ours: an upgrade that
	# no longer installs a file still lists it, so that uninstall removes it
	entries >"$new"

	# mkdirs DIR: creates DIR and its missing parents, recording each
	mkdirs() {
		d=$DESTDIR$1
		[ -d "$d" ] && return
		parent=${1%/*}
		[ -n "$parent" ] && mkdirs "$parent"
		mkdir "$DESTDIR$1"
		printf 'd - %s\n' "$1" >>"$new"
	}
	# put MODE DIR SRC...: copies each SRC into DIR, recording it
	put() {
		mode=$1 dir=$2
		shift 2
		mkdirs "$dir"
		for src in "$@"; do
			dst=$dir/${src##*/}
			install -m "$mode" "$src" "$DESTDIR$dst"
			sum=$(sha256sum <"$DESTDIR$dst")
			printf 'f %s %s\n' "${sum%% *}" "$dst" >>"$new"
		done
	}

	# a staging DESTDIR is made whole, and is not part of the install
	[ -z "$DESTDIR" ] || mkdir -p "$DESTDIR"
	put 755 "$BINDIR" "$BIN"
	put 644 "$MANDIR" sitmap.1
	put 644 "$DATADIR/maps" maps/*.shp maps/*.shx maps/*.dbf maps/*.prj maps/*.cpg \
	    maps/README maps/SHA256SUMS
	put 644 "$DATADIR/data" data/*.csv data/README
	put 644 "$DATADIR" LICENSES-DATA
	put 644 "$DOCDIR" LICENSE LICENSES-DATA README.md
	put 644 "$BASHCOMPDIR" "$COMPDIR/sitmap"
	put 644 "$ZSHCOMPDIR" "$COMPDIR/_sitmap"
	# the last entry for a path wins (a reinstall rewrites its files);
	# directories keep their first place
	{
		echo "# sitmap install manifest: what make install wrote, and make uninstall removes"
		echo "# d - DIR: a directory it created; f SHA256 FILE: a file it wrote"
		awk '{ p = $0; sub(/^[df] [^ ]* /, "", p); k = substr($0, 1, 1) p
			if (!(k in last)) order[n++] = k; last[k] = $0 }
			END { for (i = 0; i < n; i++) print last[order[i]] }' "$new"
	} >"$M.tmp"
	# whole or not at all: a manifest cut short would strand files
	mv "$M.tmp" "$M"
	rm -f "$new"
	trap - EXIT
}

do_uninstall() {
	if [ ! -f "$M" ]; then
		echo "sitmap: $M: no install manifest, nothing removed (same PREFIX and DESTDIR as make install?)" >&2
		exit 1
	fi
	entries | while read -r kind sum path; do
		[ "$kind" = f ] || continue
		p=$DESTDIR$path
		if [ ! -e "$p" ] && [ ! -L "$p" ]; then
			continue
		fi
		if [ -f "$p" ] && [ ! -L "$p" ] && [ "$(sha256sum <"$p" | cut -d' ' -f1)" = "$sum" ]; then
			rm -f "$p"
		else
			echo "sitmap: kept $p: changed since make install" >&2
		fi
	done
	# the directories, deepest first, once their files are gone
	dirs=$(entries | awk '$1 == "d" { p = $0; sub(/^d - /, "", p); print length(p) " " p }' |
	    sort -rn | cut -d' ' -f2-)
	rm -f "$M"
	printf '%s\n' "$dirs" | while IFS= read -r d; do
		[ -n "$d" ] && [ -d "$DESTDIR$d" ] || continue
		if [ -z "$(ls -A "$DESTDIR$d")" ]; then
			rmdir "$DESTDIR$d"
		else
			echo "sitmap: kept $DESTDIR$d: not empty" >&2
		fi
	done
}

case ${1:-} in
install) do_install ;;
uninstall) do_uninstall ;;
*) echo "usage: $0 install|uninstall" >&2; exit 2 ;;
esac
