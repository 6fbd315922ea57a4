"""``python -m ict_competence``: the same as the ``ict-competence`` command."""

import sys

from ict_competence.cli import main

sys.exit(main())
