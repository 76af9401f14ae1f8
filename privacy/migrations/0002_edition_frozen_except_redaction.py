"""Frozen report editions: the database refuses an UPDATE, except for the erasure's
redaction (``SET LOCAL peine.redaction = 'on'``, see privacy/immutable.py).

Raw SQL on the table, so the trigger stays when the model moves between modules."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION privacy_edition_frozen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'A frozen report edition cannot be changed (table %)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER privacy_edition_frozen
    BEFORE UPDATE ON peine_reportedition
    FOR EACH ROW
    WHEN (current_setting('peine.redaction', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION privacy_edition_frozen();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS privacy_edition_frozen ON peine_reportedition;
DROP FUNCTION IF EXISTS privacy_edition_frozen();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_access_erasure_and_read_logs"),
        ("peine", "0002_taxonomies_and_roles"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
