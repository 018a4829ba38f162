"""Full-text search on PostgreSQL: each report's and figure's folded words in a tsvector with a GIN
index, filled here for what is already imported and afterwards by the import and every edit
(reports.models.index_words). SQLite keeps the columns empty and matches the text instead."""

import django.contrib.postgres.search
from django.db import migrations

BATCH = 500


def fill(apps, schema_editor):
    from reports.models import index_words  # the import's own rule, so that old and new rows agree

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    for name, fields in [("report", ["title", "text"]), ("metric", ["sentence", "measure"])]:
        model = apps.get_model("reports", name)
        rows = model.objects.only("pk", *fields).order_by("pk")
        last = 0
        while batch := list(rows.filter(pk__gt=last)[:BATCH]):
            last = batch[-1].pk
            texts = {row.pk: "\n".join(getattr(row, field) for field in fields) for row in batch}
            index_words(model, texts, using=connection.alias)
    for table in ["reports_report", "reports_metric"]:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {table}_search ON {table} USING gin (search_vector)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in ["reports_report", "reports_metric"]:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")


class Migration(migrations.Migration):
    dependencies = [("reports", "0015_report_history_and_replace_permission")]

    operations = [
        migrations.AddField(
            model_name="metric",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, drop),
    ]
