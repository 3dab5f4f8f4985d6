from django.db import models


class Dataset(models.Model):
    """One bundled fact table and its provenance (the sidecar beside the CSV file)."""

    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    producer = models.CharField(max_length=300)
    edition = models.CharField(max_length=500)
    source_url = models.URLField(max_length=500, blank=True)
    accessed = models.DateField()
    licence = models.CharField(max_length=300)
    attribution = models.TextField(blank=True)
    caveats = models.TextField(blank=True)
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField(default=0)
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title
