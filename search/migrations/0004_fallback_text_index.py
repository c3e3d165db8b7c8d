"""The database fallback's trigram text index (see search/fulltext.py).

SQLite: an FTS5 trigram table, one row per casusblad or les, filled from the pages
there are and kept in step by triggers on the page tables. PostgreSQL: pg_trgm GIN
indexes on the pages' own text columns. Other databases get nothing (the fallback
then scans, as before).
"""

from django.db import migrations

TABLE = "search_fallback_text"
PAGE = "wagtailcore_page"
# Page table -> its text columns, in the order the fallback's "text" column joins them.
TEXTS = {
    "cases_casepage": (
        "context",
        "approach",
        "results",
        "conditions",
        "working_elements",
        "lessons_learned",
    ),
    "cases_lessonpage": ("body",),
}
KEY = "page_ptr_id"


def _joined(prefix: str, columns) -> str:
    # A newline between sections: a query string (words and spaces) never spans two.
    return " || char(10) || ".join(f"coalesce({prefix}.{name}, '')" for name in columns)


def _sqlite_statements() -> list[str]:
    statements = [f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, summary, text, tokenize='trigram')"]
    for table, columns in TEXTS.items():
        insert = (
            f"INSERT INTO {TABLE}(rowid, title, summary, text) "
            f"SELECT NEW.{KEY}, page.title, NEW.summary, {_joined('NEW', columns)} "
            f"FROM {PAGE} AS page WHERE page.id = NEW.{KEY};"
        )
        watched = ", ".join(("summary", *columns))
        statements += [
            f"CREATE TRIGGER {table}_text_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {table}_text_update AFTER UPDATE OF {watched} ON {table} BEGIN "
            f"DELETE FROM {TABLE} WHERE rowid = OLD.{KEY}; {insert} END",
            f"CREATE TRIGGER {table}_text_delete AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {TABLE} WHERE rowid = OLD.{KEY}; END",
            f"INSERT INTO {TABLE}(rowid, title, summary, text) "
            f"SELECT row.{KEY}, page.title, row.summary, {_joined('row', columns)} "
            f"FROM {table} AS row JOIN {PAGE} AS page ON page.id = row.{KEY}",
        ]
    statements.append(
        f"CREATE TRIGGER {PAGE}_text_title AFTER UPDATE OF title ON {PAGE} BEGIN "
        f"UPDATE {TABLE} SET title = NEW.title WHERE rowid = NEW.id; END"
    )
    return statements


def _sqlite_reverse() -> list[str]:
    triggers = [f"{table}_text_{event}" for table in TEXTS for event in ("insert", "update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in [*triggers, f"{PAGE}_text_title"]] + [
        f"DROP TABLE IF EXISTS {TABLE}"
    ]


def _postgresql_indexes() -> dict[str, tuple[str, str]]:
    indexes = {f"search_trgm_{PAGE}_title": (PAGE, "title")}
    for table, columns in TEXTS.items():
        for column in ("summary", *columns):
            indexes[f"search_trgm_{table}_{column}"[:63]] = (table, column)
    return indexes


def _run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, _sqlite_statements())
    elif vendor == "postgresql":
        _run(schema_editor, ["CREATE EXTENSION IF NOT EXISTS pg_trgm"])
        _run(
            schema_editor,
            [
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)'
                for name, (table, column) in _postgresql_indexes().items()
            ],
        )


def drop(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, _sqlite_reverse())
    elif vendor == "postgresql":
        _run(schema_editor, [f'DROP INDEX IF EXISTS "{name}"' for name in _postgresql_indexes()])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_outbox_document_kind"),
        ("cases", "0008_field_limits_status_labels"),
    ]

    operations = [migrations.RunPython(create, drop)]
