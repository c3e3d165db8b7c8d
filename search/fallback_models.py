"""The database fallback's search table: one row per indexable page, its facet values beside it."""

from django.db import models

__all__ = ["FallbackPage", "FallbackValue"]


class FallbackPage(models.Model):
    """A live casusblad or les the fallback may show, with what a search reads of it.

    Derived data (search.fallback_table writes it): visibility is decided once, when
    the page changes, instead of per matching row on every search. Nothing a reader
    or editor sees, hence no translated names.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    kind = models.CharField(max_length=20)
    members_only = models.BooleanField()
    town = models.CharField(max_length=255)
    municipality_code = models.CharField(max_length=10)
    province = models.CharField(max_length=50)
    size_class = models.CharField(max_length=20)
    published = models.DateTimeField(null=True)
    # Its other facet values (type, year, status, profiel, terms) in one string: pages
    # sharing them count as one group (search.fallback_query), far fewer than pages.
    facet_values = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["town"], name="search_fallback_town")]

    def __str__(self) -> str:
        return f"{self.kind} {self.page_id}"


class FallbackValue(models.Model):
    """One facet value of a page (a page has one type and one year, several themes)."""

    page = models.ForeignKey(
        FallbackPage,
        on_delete=models.CASCADE,
        related_name="values",
        db_index=False,  # the (page, facet, value) index below starts with it
    )
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(fields=["page", "facet", "value"], name="search_fallback_page_value"),
            models.Index(fields=["facet", "value"], name="search_fallback_value"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
