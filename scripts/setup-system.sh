#!/usr/bin/env bash
# Install the Debian packages jixiao needs beyond Python: LibreOffice Writer (docx -> pdf without a
# display), the Noto CJK fonts (real Chinese glyphs in rendered PDFs), poppler-utils (pdftoppm and
# pdftotext, to look at rendered pages), Pango (WeasyPrint's text layout) and HarfBuzz's subsetter (with it
# WeasyPrint cuts the CJK fonts down to the glyphs a PDF uses in a fraction of a second, ~12 s without),
# Chromium (the web application's end-to-end test drives it headless through Playwright; Playwright's own
# browser download is never used), Node.js with npm (htmx and ECharts for the web application) and
# PostgreSQL (the web tests run a second time against a server scripts/with-postgres.sh starts for them;
# pg_dump and pg_restore for `jixiao backup` on PostgreSQL).
# Packages already installed are left alone; apt-get runs only
# when something is missing, so a machine that has them all needs no network and no root.
set -euo pipefail

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium postgresql)

# Node.js and npm: any install will do (this machine's comes from outside Debian); Debian's otherwise.
if ! command -v npm >/dev/null 2>&1; then
    PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        echo "present:    $pkg"
    else
        echo "installing: $pkg"
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi

"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
