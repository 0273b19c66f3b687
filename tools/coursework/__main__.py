"""``python -m tools.coursework``: see :mod:`tools.coursework.cli`."""

import sys

from .cli import main

sys.exit(main())
