"""Where the browser tests find Debian's chromium (CHROMIUM_PATH overrides it)."""

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
