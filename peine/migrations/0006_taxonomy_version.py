# The taxonomy version (peine/taxonomy_cache.py): one number that every write to the shared
# lists raises, so the filter forms' choices are read once per change, not per request.

from django.db import migrations

TABLES = ["peine_sector", "peine_district", "peine_targetgroup", "peine_fundingsource", "peine_goal"]

FORWARD = """
CREATE TABLE peine_taxonomy_version (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
INSERT INTO peine_taxonomy_version VALUES (1, 0);
CREATE FUNCTION peine_taxonomy_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE peine_taxonomy_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $$;
""" + "".join(
    f"CREATE TRIGGER {table}_taxonomy_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION peine_taxonomy_bump();\n"
    for table in TABLES
)

BACKWARD = "".join(
    f"DROP TRIGGER IF EXISTS {table}_taxonomy_version ON {table};\n" for table in TABLES
) + """
DROP FUNCTION IF EXISTS peine_taxonomy_bump();
DROP TABLE IF EXISTS peine_taxonomy_version;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('peine', '0005_user_access_version'),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
