"""Vietnam's provinces before and after the 2025 reorganisation, from `vietnam-provinces`."""

from collections import Counter, defaultdict

from django.db import migrations

from reports.extraction.text import fold, slugify


def _short(name: str) -> str:
    return name.removeprefix("Tỉnh ").removeprefix("Thành phố ")


def _successors() -> dict[int, int]:
    """Old province code -> code of the new province that took most of its wards.

    Ward by ward rather than province by province: the package also lists an old province as a
    source of a new one that took only a few of its wards (Tiền Giang under Tây Ninh).
    """
    from vietnam_provinces import Ward

    wards: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for ward in Ward.iter_all():
        for old in ward.get_legacy_sources():
            wards[int(old.province_code)][int(ward.province_code)] += 1
    return {old: counts.most_common(1)[0][0] for old, counts in wards.items()}


def load_provinces(apps, schema_editor):
    from vietnam_provinces import Province as NewProvince
    from vietnam_provinces.legacy import Province as OldProvince

    Province = apps.get_model("units", "Province")
    current = {}
    for new in NewProvince.iter_all():
        name = _short(new.name)
        current[int(new.code)] = Province.objects.create(
            name=name, full_name=new.name, name_key=fold(name), slug=slugify(name), is_current=True
        )
    successors = _successors()
    names = {p.name for p in current.values()}
    for old in OldProvince.iter_all():
        name = _short(old.name)
        if name in names:  # kept its name, perhaps with neighbours merged into it
            continue
        Province.objects.create(
            name=name,
            full_name=old.name,
            name_key=fold(name),
            slug=slugify(name),
            is_current=False,
            successor=current[successors[int(old.code)]],
        )


def unload_provinces(apps, schema_editor):
    apps.get_model("units", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, unload_provinces)]
