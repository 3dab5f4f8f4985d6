"""Private file storage for progress-report attachments.

Files live under ``PRIVATE_MEDIA_ROOT`` (``var/media`` by default), which no URL serves:
a view streams each file after checking the reader's role. The location is read from the
settings at each use, so a test (or an operator) can move it without reloading models.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="tipmon.assistance.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)
