#!/usr/bin/env bash
# Every .po is valid and translates every message of a freshly extracted template.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=${1:?source root}
cd "$top" || exit 1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
bad() { n=$((n + 1)); fail=1; echo "not ok $n $1"; shift; printf '# %s\n' "$@"; }

# The same keywords as meson's i18n 'glib' preset, so this is the template turnos-pot makes.
xgettext --package-name=turnos --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --directory="$top" --files-from=po/POTFILES.in --output="$tmp/turnos.pot" 2>"$tmp/xgettext.log" \
  && ok /po/extract || bad /po/extract "$(cat "$tmp/xgettext.log")"

for po in po/*.po; do
  lang=$(basename "$po" .po)
  if out=$(msgfmt --check --output-file=/dev/null "$po" 2>&1); then ok "/po/$lang/msgfmt-check"; else bad "/po/$lang/msgfmt-check" "$out"; fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/turnos.pot" 2>/dev/null
  untranslated=$(msgattrib --untranslated --no-obsolete "$tmp/$lang.po" 2>/dev/null | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$tmp/$lang.po" 2>/dev/null | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is left.
  [ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$untranslated" -eq 0 ] && [ "$fuzzy" -eq 0 ]; then ok "/po/$lang/complete"
  else bad "/po/$lang/complete" "$untranslated untranslated, $fuzzy fuzzy against a fresh template"; fi
done
echo "1..$n"
exit $fail
