"""How much a casusblad or les may hold, field by field.

Without limits a partner system (or a paste) can put a 5 MB section on a page that
every reader then downloads. The limits live on the model fields: a CharField's
max_length, a MaxLengthValidator on a TextField or RichTextField (a TextField's
max_length only sizes its form widget), and `item_limits`
on the page class for the many-to-many fields (Django has no validators there).
limit_of() reads them, for the editor's form (cases.models.limited_form) and for the
interchange schema, so the admin and the importer refuse the same things.
"""

import re

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Model
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from cases.rich_text import EDITOR_FEATURES

# Characters of stored HTML, markup included, so that empty markup cannot grow
# without bound: about 3,000 words of prose, several times the longest demo section.
RICH_TEXT_LIMIT = 20_000
SUMMARY_LIMIT = 500
CONTACT_LIMIT = 120
# Draftail marks every block with a key (<p data-block-key="a1b2c">); imported HTML has
# none. Not counting them keeps a page that fits when imported fitting in the editor.
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')

# Regional arrangements (GGD, veiligheidsregio, arbeidsmarktregio) have up to a few
# dozen municipalities; more than this is a list pasted by mistake.
PARTNER_LIMIT = 50
RELATED_CASES_LIMIT = 30


def rich_text_length(html: str) -> int:
    """The length of stored rich text as the limit counts it: markup, not block keys."""
    return len(_BLOCK_KEY.sub("", html))


@deconstructible
class RichTextLengthValidator(MaxLengthValidator):
    """MaxLengthValidator for rich text, counted with rich_text_length()."""

    def clean(self, x: str) -> int:
        return rich_text_length(x)


def rich_text_field(verbose_name: str, **options) -> RichTextField:
    """A rich-text field with the editor's features and RICH_TEXT_LIMIT."""
    return RichTextField(
        verbose_name,
        features=EDITOR_FEATURES,
        validators=[RichTextLengthValidator(RICH_TEXT_LIMIT)],
        **options,
    )


def limit_of(model: type[Model], attribute: str) -> int | None:
    """The most characters (text) or items (relations) `attribute` may hold, or None."""
    item_limits: dict[str, int] = getattr(model, "item_limits", {})
    if attribute in item_limits:
        return item_limits[attribute]
    try:
        field = model._meta.get_field(attribute)
    except FieldDoesNotExist:
        return None
    limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    return min(limits, default=None)


class NamedLengthLimit(MaxLengthValidator):
    """A length limit whose message names the field, for the editor's form.

    Django's message says "this value"; a casusblad has six rich-text sections, and
    Wagtail's error summary at the top of the form does not say which one is meant.
    """

    def __init__(self, limit: int, label: str, *, counts_markup: bool = False) -> None:
        super().__init__(limit)
        self.label = label
        self.counts_markup = counts_markup

    def __call__(self, value: str) -> None:
        length = rich_text_length(value) if self.counts_markup else len(value)
        if length <= self.limit_value:
            return
        if self.counts_markup:
            message = _(
                "%(label)s may be at most %(limit)d characters long, markup included; "
                "this text has %(length)d."
            )
        else:
            message = _(
                "%(label)s may be at most %(limit)d characters long; this text has %(length)d."
            )
        raise ValidationError(
            message,
            code="max_length",
            params={"label": self.label, "limit": self.limit_value, "length": length},
        )


class NamedItemLimit:
    """At most `limit` choices in a multiple-choice field, with the field's name in the message.

    Django has no validator for many-to-many fields, so the form gets this one.
    """

    def __init__(self, limit: int, label: str) -> None:
        self.limit = limit
        self.label = label

    def __call__(self, values) -> None:
        if len(values) > self.limit:
            raise ValidationError(
                _("Choose at most %(limit)d for %(label)s; %(count)d are chosen."),
                code="max_items",
                params={"label": self.label, "limit": self.limit, "count": len(values)},
            )
