#!/usr/bin/env bash
# The glibc floor gate: every ELF file under DIR (executables, shared libraries, Python extension
# modules, Qt plugins — found by their magic bytes, whatever their name) is read with `objdump -T`,
# and the highest GLIBC_x.y version any of them needs (undefined symbols only) is printed.
#
#   glibc-gate.sh DIR [MAX]
#
# With MAX (e.g. 2.28) it fails (exit 1) when some file needs more, and lists the worst files.
# Also prints, for information, the highest GLIBCXX_/CXXABI_ versions needed and whether
# libstdc++ is inside DIR (if it is not, the target's libstdc++ must provide them).
set -euo pipefail

dir=${1:?usage: glibc-gate.sh DIR [MAX]}
max=${2:-}
command -v objdump >/dev/null || { echo "glibc-gate: objdump not found (install binutils)" >&2; exit 2; }

table=$(mktemp)
trap 'rm -f "$table"' EXIT
elf_magic=$'\x7fELF'
files=0
while IFS= read -r -d '' f; do
    magic=
    IFS= read -r -n 4 magic < "$f" 2>/dev/null || true
    [ "$magic" = "$elf_magic" ] || continue
    files=$((files + 1))
    und=$(objdump -T "$f" 2>/dev/null | grep -F '*UND*' || true)
    g=$(grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' <<<"$und" | sed 's/^GLIBC_//' | sort -uV | tail -n1 || true)
    x=$(grep -oE 'GLIBCXX_[0-9]+(\.[0-9]+)+' <<<"$und" | sed 's/^GLIBCXX_//' | sort -uV | tail -n1 || true)
    c=$(grep -oE 'CXXABI_[0-9]+(\.[0-9]+)+' <<<"$und" | sed 's/^CXXABI_//' | sort -uV | tail -n1 || true)
    printf '%s\t%s\t%s\t%s\n' "${g:-0}" "${x:-0}" "${c:-0}" "${f#"$dir"/}" >>"$table"
done < <(find "$dir" -type f -print0)

if [ "$files" -eq 0 ]; then
    echo "glibc-gate: no ELF file under $dir" >&2
    exit 2
fi

highest() { cut -f"$1" "$table" | { grep -v '^0$' || true; } | sort -V | tail -n1; }
glibc_max=$(highest 1)
cxx_max=$(highest 2)
abi_max=$(highest 3)

echo "glibc gate: $files ELF files under $dir"
echo "  files per highest GLIBC_ version needed:"
cut -f1 "$table" | sort -V | uniq -c | sed 's/ 0$/ (no GLIBC_ symbol)/; s/^/    /'
if [ -n "$cxx_max" ]; then
    echo "  highest GLIBCXX_ needed: $cxx_max; highest CXXABI_ needed: ${abi_max:-none}"
    if find "$dir" -name 'libstdc++.so*' | grep -q .; then
        echo "  libstdc++ is bundled: $(find "$dir" -name 'libstdc++.so*' -printf '%P ')"
    else
        echo "  libstdc++ is not bundled: the target system's must provide GLIBCXX_$cxx_max"
    fi
fi
echo "GLIBC_MAX=${glibc_max:-none}"

if [ -n "$max" ] && [ -n "$glibc_max" ]; then
    if [ "$(printf '%s\n%s\n' "$glibc_max" "$max" | sort -V | tail -n1)" != "$max" ]; then
        echo "FAIL: some files need GLIBC_$glibc_max > $max. Worst offenders:"
        awk -F'\t' '{print $1 "\t" $4}' "$table" | sort -rV | head -n 20 | while IFS=$'\t' read -r v f; do
            [ "$(printf '%s\n%s\n' "$v" "$max" | sort -V | tail -n1)" = "$max" ] && continue
            syms=$(objdump -T "$dir/$f" | grep -F '*UND*' | grep -E "GLIBC_$v( |\)|$)" | awk '{print $NF}' | tr '\n' ' ')
            echo "    GLIBC_$v  $f  ($syms)"
        done
        exit 1
    fi
    echo "OK: every ELF needs at most GLIBC_$glibc_max (limit $max)"
fi
