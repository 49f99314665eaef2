"""How the browser tests and the UI benchmark start Debian's Chromium (`playwright install` cannot
download a browser here). The flags keep a headless Chromium from reaching for the network."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
