"""The two roles: editors review and correct, viewers read the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = [
    "view_province", "view_unit", "view_unitalias", "view_official", "view_officialalias", "view_position",
    "view_report", "view_metric", "view_metrictoreview", "view_indicator",
]
EDIT = [
    "change_unit", "add_unitalias", "change_unitalias", "delete_unitalias",
    "change_official", "add_officialalias", "change_officialalias", "delete_officialalias",
    "add_report", "change_metric", "change_metrictoreview", "add_indicator", "change_indicator",
]
ROLES = {"editors": VIEW + EDIT, "viewers": VIEW}


def add_roles(apps, schema_editor):
    # Permissions are normally created after migrating; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(codename__in=codenames, content_type__app_label__in=["units", "reports"])
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_history_and_review"),
        ("units", "0004_history_and_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
