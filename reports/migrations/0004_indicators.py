"""A first, small dictionary of indicators; editors extend it in the admin."""

from django.db import migrations

from reports.extraction.glossary import search_key
from reports.extraction.text import slugify

INDICATORS = {
    "Tỷ lệ dịch vụ công trực tuyến": ["dịch vụ công trực tuyến", "DVCTT"],
    "Tội phạm về trật tự xã hội": [
        "tội phạm trật tự xã hội", "tội phạm về TTXH", "vụ phạm tội về trật tự xã hội", "vụ xâm phạm trật tự xã hội",
        "vụ xâm phạm TTXH", "phạm pháp hình sự",
    ],
    "Tội phạm tham nhũng, kinh tế, buôn lậu": ["tham nhũng, kinh tế, buôn lậu", "tội phạm về tham nhũng"],
    "Người chết vì tai nạn giao thông": ["số người chết", "người chết", "người tử vong"],
    "Người bị thương vì tai nạn giao thông": ["số người bị thương", "người bị thương"],
    "Tai nạn giao thông": ["vụ tai nạn giao thông", "số vụ tai nạn giao thông", "TNGT"],
    "Ùn tắc giao thông": ["vụ ùn tắc giao thông", "ùn tắc"],
    "Tỷ lệ khám phá án": ["tỷ lệ khám phá", "tỷ lệ điều tra khám phá", "điều tra, khám phá"],
    "Khám phá trọng án": ["trọng án", "án rất nghiêm trọng, đặc biệt nghiêm trọng"],
    "Chỉ tiêu công tác": ["chỉ tiêu", "chỉ tiêu Bộ giao"],
    "Chuyên án": ["chuyên án"],
    "Băng, nhóm tội phạm": ["băng, nhóm tội phạm", "băng nhóm tội phạm", "ổ nhóm tội phạm"],
    "Đối tượng phạm tội": ["đối tượng", "bị can", "đối tượng phạm tội"],
    "Cứu nạn, cứu hộ": ["vụ cứu nạn, cứu hộ", "cứu nạn, cứu hộ"],
    "Cán bộ, chiến sĩ hy sinh": ["cán bộ hy sinh", "chiến sĩ hy sinh", "CBCS hy sinh"],
    "Cán bộ, chiến sĩ bị thương": ["cán bộ, chiến sĩ bị thương", "CBCS bị thương"],
    "Luật": ["luật"],
    "Nghị định": ["nghị định"],
    "Thông tư": ["thông tư"],
    "Khen thưởng": ["được khen thưởng", "khen thưởng"],
    "Mô hình, điển hình tiên tiến": ["mô hình", "điển hình tiên tiến"],
    "Nhà tặng hộ nghèo, gia đình chính sách": ["nhà tình nghĩa", "căn nhà", "nhà đại đoàn kết"],
    "Ma túy thu giữ": ["heroin", "ma túy tổng hợp", "kg ma túy", "cần sa"],
    "Địa bàn sạch về ma túy": ["sạch về ma túy", "không ma túy"],
    "Cảnh sát khu vực": ["Cảnh sát khu vực", "CSKV"],
}


def add_indicators(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    for name, synonyms in INDICATORS.items():
        Indicator.objects.create(
            name=name, slug=slugify(name), synonyms="\n".join(synonyms), search_key=search_key(name, *synonyms)
        )


def remove_indicators(apps, schema_editor):
    apps.get_model("reports", "Indicator").objects.filter(name__in=INDICATORS).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_search_indicators_mentions")]

    operations = [migrations.RunPython(add_indicators, remove_indicators)]
