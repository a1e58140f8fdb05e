"""Browser tests of context layers (headless Chromium through Playwright)."""
