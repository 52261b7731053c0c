import sys

from gridterm.cli import main

sys.exit(main())
