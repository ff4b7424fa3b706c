#!/usr/bin/env bash
# Every file with a translatable string is listed in po/POTFILES.in, and every listed file exists.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=${1:?source root}
cd "$top" || exit 1
fail=0
echo "1..2"
missing=$(grep -rlE '(\b_\(|\bN_\(|\bC_\(|\bNC_\(|\bngettext\s*\(|translatable="yes")' src data \
            --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null \
          | sort | grep -vxF -f <(grep -v '^#' po/POTFILES.in | sed '/^$/d'))
if [ -n "$missing" ]; then
  echo "# not in po/POTFILES.in:"; printf '#   %s\n' $missing
  echo "not ok 1 /po/potfiles-complete"; fail=1
else
  echo "ok 1 /po/potfiles-complete"
fi
gone=""
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -f "$f" ] || gone="$gone $f"
done < po/POTFILES.in
if [ -n "$gone" ]; then
  echo "# listed but missing:$gone"; echo "not ok 2 /po/potfiles-exist"; fail=1
else
  echo "ok 2 /po/potfiles-exist"
fi
exit $fail
