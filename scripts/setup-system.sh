#!/usr/bin/env bash
# Installs the Debian packages the tests and the app need, only those missing.
# Idempotent: when everything is present it prints nothing and installs nothing.
# As root it runs apt-get; otherwise it names the exact `sudo apt-get install` command.
set -uo pipefail

TESSERACT_LANGS=(eng fra spa por)  # OCR languages of the letters (ingest/ocr.py)

have() { command -v "$1" >/dev/null 2>&1; }

# Prints the Debian packages that are missing, space-separated.
missing_packages() {
    local missing=() langs=""
    have chromium || missing+=(chromium)        # browser tests (Playwright, never a download)
    have antiword || missing+=(antiword)        # legacy Word .doc letters
    if have tesseract; then
        langs=$(tesseract --list-langs 2>/dev/null)
    else
        missing+=(tesseract-ocr)                # scanned letters
    fi
    local lang
    for lang in "${TESSERACT_LANGS[@]}"; do
        grep -qx "$lang" <<<"$langs" || missing+=("tesseract-ocr-$lang")
    done
    echo "${missing[*]}"
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "missing system packages; install them with: sudo apt-get install -y $missing" >&2
    exit 1
fi
echo "installing system packages: $missing"
# shellcheck disable=SC2086  # the list is meant to split into package names
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
still=$(missing_packages)
if [ -n "$still" ]; then
    echo "could not install system packages: $still (apt-get install -y $still)" >&2
    exit 1
fi
