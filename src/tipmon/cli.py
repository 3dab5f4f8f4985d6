"""The ``tipmon`` console command: Django's management commands under the project's name.

``tipmon data load``, ``tipmon countries resolve NAME...``, ``tipmon createadmin``,
``tipmon migrate`` and every other management command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipmon.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else ["tipmon", *argv]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
