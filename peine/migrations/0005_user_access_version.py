# The access version of a person (peine.User.access_version) and the triggers that raise it
# whenever their roles (groups) or second factors change, however the change is made: the
# ORM, the admin, a bulk delete of the through rows, a group renamed or deleted, raw SQL.

from django.db import migrations, models

FORWARD = """
CREATE FUNCTION peine_access_bump_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        UPDATE peine_user SET access_version = access_version + 1 WHERE id = NEW.user_id;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE peine_user SET access_version = access_version + 1 WHERE id = OLD.user_id;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION peine_access_bump_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE peine_user SET access_version = access_version + 1
     WHERE id IN (SELECT user_id FROM peine_user_groups WHERE group_id = OLD.id);
    RETURN NULL;
END $$;

-- A save of a user object loaded before the change must not lower the number again.
CREATE FUNCTION peine_access_never_lower() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.access_version := GREATEST(NEW.access_version, OLD.access_version);
    RETURN NEW;
END $$;

CREATE TRIGGER peine_user_groups_access AFTER INSERT OR UPDATE OR DELETE ON peine_user_groups
    FOR EACH ROW EXECUTE FUNCTION peine_access_bump_member();
CREATE TRIGGER peine_mfa_authenticator_access AFTER INSERT OR UPDATE OR DELETE
    ON mfa_authenticator FOR EACH ROW EXECUTE FUNCTION peine_access_bump_member();
CREATE TRIGGER peine_auth_group_access AFTER UPDATE OF name ON auth_group
    FOR EACH ROW EXECUTE FUNCTION peine_access_bump_group();
CREATE TRIGGER peine_user_access_never_lower BEFORE UPDATE OF access_version ON peine_user
    FOR EACH ROW EXECUTE FUNCTION peine_access_never_lower();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS peine_user_access_never_lower ON peine_user;
DROP TRIGGER IF EXISTS peine_auth_group_access ON auth_group;
DROP TRIGGER IF EXISTS peine_mfa_authenticator_access ON mfa_authenticator;
DROP TRIGGER IF EXISTS peine_user_groups_access ON peine_user_groups;
DROP FUNCTION IF EXISTS peine_access_never_lower();
DROP FUNCTION IF EXISTS peine_access_bump_group();
DROP FUNCTION IF EXISTS peine_access_bump_member();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('peine', '0004_figure_cache'),
        ('mfa', '0003_authenticator_type_uniq'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='access_version',
            field=models.PositiveBigIntegerField(default=0, editable=False, verbose_name='access version'),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
