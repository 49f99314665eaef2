#!/bin/sh
# Make sure Debian's Chromium is installed for the browser tests. `playwright install` cannot
# download a browser here, so the tests drive /usr/bin/chromium through Playwright instead.
set -eu

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "ensure-chromium: /usr/bin/chromium is missing and installing it needs root;" \
            "run 'apt-get update && apt-get install -y chromium' as root" >&2
        exit 1
    fi
else
    SUDO=
fi

echo "ensure-chromium: installing Debian's chromium for the browser tests" >&2
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
