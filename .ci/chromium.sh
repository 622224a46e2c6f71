#!/usr/bin/env bash
# Headless Chromium for the report tests (tests/pester/ConvertTo-OfflineDataReport.Tests.ps1): they render the HTML
# report in a real browser and read back its DOM. Sourced by .ci/run; ensure_test_chromium installs Debian's chromium
# when it is missing (as root, with apt-get) and exports OFFLINEDATA_TEST_CHROMIUM. Returns non-zero without one.

ensure_test_chromium() {
    local found
    found=$(command -v chromium || command -v chromium-browser || true)
    if [ -z "$found" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
        echo "Installing chromium (the HTML report tests render in a headless browser)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends chromium >/dev/null \
            || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; } \
            || true
        found=$(command -v chromium || command -v chromium-browser || true)
    fi
    if [ -z "$found" ]; then
        echo "warning: no chromium on PATH and none could be installed (Debian: apt-get install chromium)." >&2
        return 1
    fi
    export OFFLINEDATA_TEST_CHROMIUM="$found"
    echo "chromium: $("$found" --version 2>/dev/null | head -n 1)"
}
