"""`python -m voice` runs the openup command."""

import sys

from voice.cli.parser import main

sys.exit(main())
