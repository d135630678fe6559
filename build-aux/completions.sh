#!/bin/sh
# completions.sh SITMAP OUTDIR: writes OUTDIR/sitmap (bash) and
# OUTDIR/_sitmap (zsh) from SITMAP --help, so that the completions offer
# every option the help lists and cannot drift from it. Each option line of
# the help ("  -o, --output FILE   where ...") gives the option's names and
# its argument: a|b|c completes those words, FILE (FILE.csv, ...) a file
# name, DIR a directory, anything else (WxH, ID, TEXT) nothing. An option
# the help names only in a description ("--fps N: ...") is taken too.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 SITMAP OUTDIR" >&2; exit 2; }
mkdir -p "$2"
# One line per option: NAMES, ARG and DESCRIPTION separated by US (0x1f,
# not blank: empty fields stay), NAMES comma-separated.
US=$(printf '\037')
spec=$("$1" --help | awk -v us="$US" '
function add(names, arg, desc) {
	if (names in seen)
		return
	seen[names] = 1
	print names us arg us desc
}
/^  -/ {
	line = $0
	sub(/^  +/, "", line)
	# the option column ends at two blanks
	split(line, part, /  +/)
	col = part[1]
	desc = substr(line, length(col) + 1)
	sub(/^ +/, "", desc)
	n = split(col, w, " ")
	names = ""
	arg = ""
	for (i = 1; i <= n; i++) {
		if (w[i] ~ /^-/) {
			t = w[i]
			sub(/,$/, "", t)
			names = names (names == "" ? "" : ",") t
		} else {
			arg = arg (arg == "" ? "" : " ") w[i]
		}
	}
	# "--color, --no-color": two options without an argument
	if (names ~ /^--[a-z-]+,--[a-z-]+$/ && arg == "") {
		split(names, two, ",")
		add(two[1], "", desc)
		add(two[2], "", desc)
	} else {
		add(names, arg, desc)
	}
	for (i = 1; i <= split(names, two, ","); i++)
		listed[two[i]] = 1
}
{
	# options named only in a description, with their argument
	rest = $0
	while (match(rest, /--[a-z][a-z-]*( [A-Z][A-Z]*:?)?/)) {
		m = substr(rest, RSTART, RLENGTH)
		rest = substr(rest, RSTART + RLENGTH)
		split(m, w, " ")
		if (w[1] in listed || w[1] in later)
			continue
		later[w[1]] = w[2]
		sub(/:$/, "", later[w[1]])
		d = $0
		if (d ~ /^  -/)
			d = desc
		sub(/^ +/, "", d)
		later_desc[w[1]] = d
	}
}
END {
	for (o in later)
		if (!(o in listed))
			add(o, later[o], later_desc[o])
}' | sort)

# bash: one function; the value of an option that takes one, else the options
words=$(printf '%s\n' "$spec" | cut -d "$US" -f1 | tr ',' ' ' | tr '\n' ' ' | sed 's/ *$//')
{
	echo "# bash completion for sitmap: generated from sitmap --help by build-aux/completions.sh"
	echo "_sitmap()"
	echo "{"
	echo "	local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}"
	printf '\tlocal IFS=$%s\n' "'\\n'"
	echo ""
	echo "	COMPREPLY=()"
	echo "	case \$prev in"
	printf '%s\n' "$spec" | while IFS=$US read -r names arg desc; do
		[ -n "$arg" ] || continue
		pat=$(printf '%s' "$names" | tr ',' '|')
		case $arg in
		*'|'*[!a-z\|]*|*[!a-z\|]*'|'*)
			echo "	$pat)"
			echo "		return ;;" ;;
		*'|'*)
			w=$(printf '%s' "$arg" | tr '|' ' ')
			echo "	$pat)"
			echo "		COMPREPLY=(\$(IFS=' ' compgen -W '$w' -- \"\$cur\"))"
			echo "		return ;;" ;;
		*FILE*)
			echo "	$pat)"
			echo "		compopt -o filenames 2>/dev/null"
			echo "		COMPREPLY=(\$(compgen -f -- \"\$cur\"))"
			echo "		return ;;" ;;
		*DIR*)
			echo "	$pat)"
			echo "		compopt -o filenames 2>/dev/null"
			echo "		COMPREPLY=(\$(compgen -d -- \"\$cur\"))"
			echo "		return ;;" ;;
		*)
			echo "	$pat)"
			echo "		return ;;" ;;
		esac
	done
	echo "	esac"
	echo "	# --distance A B: the second place is a free word too"
	echo "	[ \"\$COMP_CWORD\" -ge 2 ] && [ \"\${COMP_WORDS[COMP_CWORD-2]}\" = --distance ] && return"
	echo "	COMPREPLY=(\$(IFS=' ' compgen -W '$words' -- \"\$cur\"))"
	echo "}"
	echo "complete -F _sitmap sitmap"
} >"$2/sitmap.tmp"
mv "$2/sitmap.tmp" "$2/sitmap"

# zsh: _arguments, with the first line of each description
{
	echo "#compdef sitmap"
	echo "# zsh completion for sitmap: generated from sitmap --help by build-aux/completions.sh"
	echo ""
	echo "_arguments -s -S \\"
	printf '%s\n' "$spec" | while IFS=$US read -r names arg desc; do
		# brackets end the description, quotes the word: neither is kept
		d=$(printf '%s' "$desc" | tr '[]' '()' | tr -d "'\\\\")
		case $arg in
		'') action= ;;
		*'|'*[!a-z\|]*|*[!a-z\|]*'|'*) action=":$(printf '%s' "$arg" | tr -d "'[]:"): " ;;
		*'|'*) action=":$(printf '%s' "$arg" | tr '|' ' ' | sed 's/^/value:(/; s/$/)/')" ;;
		*FILE*) action=":file:_files" ;;
		*DIR*) action=":directory:_files -/" ;;
		'A B') action=":place: :place: " ;;
		*) action=":$(printf '%s' "$arg" | tr -d "'[]:"): " ;;
		esac
		case $names in
		*,*)
			# -o, --output: either name, once
			excl="($(printf '%s' "$names" | tr ',' ' '))"
			echo "	'$excl'{$names}'[$d]$action' \\" ;;
		*)
			eq=
			[ -n "$action" ] && [ "$arg" != 'A B' ] && eq==
			echo "	'$names$eq[$d]$action' \\" ;;
		esac
	done
	echo "	&& return 0"
} >"$2/_sitmap.tmp"
mv "$2/_sitmap.tmp" "$2/_sitmap"
