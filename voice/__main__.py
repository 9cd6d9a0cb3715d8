"""`python -m voice` runs the openup command."""

import sys

from voice.cli import main

sys.exit(main())
