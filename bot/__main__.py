"""``python -m bot`` is the same as the ``claimdeck`` command."""

import sys

from bot.cli import main

sys.exit(main())
