import sys

from hamtimer.cli import main

sys.exit(main())
