"""Stored findings as compressed JSON (``review.pack``) instead of a JSON column: 5 KB per department, not 70–100 KB.

The stored findings are a cache of the review: the rows are dropped and recomputed on each department's next view.
"""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def drop_stored_findings(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("targets", "StoredReview").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0004_stored_review"),
    ]

    operations = [
        migrations.RunPython(drop_stored_findings, migrations.RunPython.noop),
        migrations.RemoveField(model_name="storedreview", name="findings"),
        migrations.AddField(
            model_name="storedreview",
            name="findings",
            field=models.BinaryField(default=b""),
            preserve_default=False,
        ),
    ]
