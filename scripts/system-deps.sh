#!/usr/bin/env bash
# Install the Debian packages backcheck's engines and tests use, when missing.
#   scripts/system-deps.sh apertium    - the Apertium pt->es->en pivot engine, its
#                                        dictionaries through lt-proc (lang/dictionary.py)
#                                        and WordNet (wordnet-base, lang/thesaurus.py)
#   scripts/system-deps.sh browser     - chromium + chromedriver for the HTML tests
set -euo pipefail
want=()
for what in "$@"; do
  case "$what" in
    apertium) for p in apertium lttoolbox apertium-es-pt apertium-eng-spa wordnet-base; do
                dpkg -s "$p" >/dev/null 2>&1 || want+=("$p"); done ;;
    browser)  for p in chromium chromium-driver; do
                dpkg -s "$p" >/dev/null 2>&1 || want+=("$p"); done ;;
    *) echo "system-deps: unknown group $what" >&2; exit 2 ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo; command -v sudo >/dev/null || { echo "system-deps: need root to install: ${want[*]}" >&2; exit 1; }
else SUDO=; fi
echo "system-deps: installing ${want[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
