from django.apps import AppConfig


class KennisbankConfig(AppConfig):
    """The project: settings, URLs and health; it owns no models any more.

    It stays installed for its migration history: kennisbank 0001 created the
    municipality table that municipalities 0001 took over (state only), and existing
    databases have that history recorded.
    """

    name = "kennisbank"
    verbose_name = "Kennisbank"
    default_auto_field = "django.db.models.BigAutoField"
