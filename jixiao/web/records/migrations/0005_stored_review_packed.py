"""Stored findings as compressed JSON (``review.pack``) instead of a JSON column: 5 KB per department, not 70–100 KB.

The stored findings are a cache of the review: the rows are dropped and recomputed on each department's next view.
"""

from typing import Any

from django.db import migrations, models


def drop_stored_findings(apps: Any, schema_editor: Any) -> None:
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
