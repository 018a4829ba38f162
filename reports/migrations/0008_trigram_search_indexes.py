"""Trigram indexes for the search box on PostgreSQL: `contains` on the folded keys becomes an
index scan instead of a scan of every row. SQLite has no such index and needs none at its size."""

from django.db import migrations

INDEXES = {
    "search_metric_measure_trgm": ("reports_metric", "measure_key"),
    "search_report_title_trgm": ("reports_report", "search_key"),
    "search_unit_trgm": ("units_unit", "search_key"),
    "search_official_trgm": ("units_official", "name_key"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reports", "0007_metric_province_and_indexes"), ("units", "0004_history_and_review")]

    operations = [migrations.RunPython(create, drop)]
