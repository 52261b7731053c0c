"""The bundle's program: ``gridterm`` alone starts the app (a double-click, the .desktop
file, the Windows shortcut); with a sub-command it is the ``gridterm`` command
(``gridterm demo``, ``gridterm report``, ``gridterm sync``)."""

import sys

from gridterm.cli import main

sys.exit(main(sys.argv[1:] or ["app"]))
