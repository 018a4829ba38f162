"""The words extraction knows, in one place: each list is what the rules read, so that a new unit
of measure, currency, counted noun or qualifier is one entry here ("phần trăm" is one line of
PERCENT_WORDS). Plain Python, no Django. Words are as written, lower case; the rules match them
case-insensitively, whole words only, longest first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

# Numbers --------------------------------------------------------------------------------------

# Scale words after digits: "1,6 tỷ", "3 nghìn tỷ".
SCALES: dict[str, Decimal] = {
    "chục": Decimal(10),
    "trăm": Decimal(100),
    "nghìn": Decimal(1_000),
    "ngàn": Decimal(1_000),
    "vạn": Decimal(10_000),
    "triệu": Decimal(1_000_000),
    "tỷ": Decimal(1_000_000_000),
    "tỉ": Decimal(1_000_000_000),
}
# "1 tỷ rưỡi": half of the last scale more.
HALF_AFTER_SCALE = ("rưỡi",)
# Numbers spelled out, read as figures only where a counted noun follows ("hai vụ", "ba tiêu chí",
# "hai mươi mốt đối tượng", "nửa tấn"): never "một" ("một số", "một trong").
_DIGIT_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
# After "mười" and "mươi" five is "lăm" ("mười lăm", "hai mươi lăm"; "mười năm" is ten years), and
# after "mươi" one is "mốt" ("hai mươi mốt").
_AFTER_TEN = {**{w: v for w, v in _DIGIT_WORDS.items() if w not in ("năm", "tư")}, "một": 1, "lăm": 5}
_AFTER_TENS = {**{w: v for w, v in _DIGIT_WORDS.items() if w != "năm"}, "mốt": 1, "lăm": 5, "nhăm": 5}
NUMBER_WORDS: dict[str, Decimal] = {
    "nửa": Decimal("0.5"),
    **{w: Decimal(v) for w, v in _DIGIT_WORDS.items()},
    "mười": Decimal(10),
    **{f"mười {w}": Decimal(10 + v) for w, v in _AFTER_TEN.items()},
    **{f"{t} mươi": Decimal(10 * tv) for t, tv in _DIGIT_WORDS.items() if t != "tư"},
    **{f"{t} mươi {w}": Decimal(10 * tv + v) for t, tv in _DIGIT_WORDS.items() if t != "tư" for w, v in _AFTER_TENS.items()},
}

# What a number is a number of ------------------------------------------------------------------

PERCENT_WORDS = ("%", "phần trăm")
CURRENCIES = ("VNĐ", "VND", "đ", "USD", "đô la Mỹ", "đô la", "Euro", "EUR", "nhân dân tệ", "yên Nhật", "bảng Anh")
# "đồng" is a currency unless it is the first half of another word ("đồng chí", "đồng bào").
NOT_CURRENCY_AFTER_DONG = ("chí", "bào", "thời", "bộ", "ý", "đội", "hành", "nghiệp", "phạm", "chủ", "minh", "tâm",
                           "loại", "xu", "hồ", "lòng", "nát")
DURATION_UNITS = ("ngày đêm", "ngày", "tuần", "tháng", "năm", "giờ", "tiếng", "phút", "giây")
QUANTITY_UNITS = ("kg", "kilôgam", "kilogam", "ki-lô-gam", "tấn", "tạ", "yến", "gam", "gram", "g", "mg", "km2", "km²",
                  "km", "ki-lô-mét", "cây số", "m2", "m²", "m3", "m³", "mét vuông", "mét khối", "mét", "m", "cm", "mm",
                  "lít", "ml", "ha", "héc-ta", "hécta", "hecta", "độ C", "°C")
# Units that may be glued to the digits ("300kg"); any other letter glued on makes a code ("1A").
GLUED_UNITS = ("kg", "km2", "km²", "km", "m2", "m3", "m²", "m³", "ha", "g", "mg", "m", "cm", "mm", "ml", "tấn", "lít",
               "đ")
# Nouns counted by a spelled-out number or by a number that could be a year ("2000 viên"): the
# heads of counted things in police reports.
COUNTED_NOUNS = (
    "vụ", "vụ việc", "vụ án", "đối tượng", "bị can", "người", "trường hợp", "viên", "bánh", "gói", "khẩu", "tiêu chí",
    "tuyến", "băng", "nhóm", "ổ", "điểm", "xã", "phường", "đơn vị", "địa bàn", "phương tiện", "xe", "chiếc", "hộ",
    "lượt", "cuộc", "tin", "tài khoản", "hồ sơ", "căn", "ngôi", "đường dây", "chuyên án", "tội phạm", "cán bộ",
    "chiến sĩ", "mô hình", "cơ sở", "doanh nghiệp", "con", "cây", "bao", "thùng", "kiện", "tấn", "kg",
)

# Words around a number -----------------------------------------------------------------------

# Before a figure: how exact it is.
QUALIFIERS: dict[str, str] = {
    "trên dưới": "approx", "gần": "approx", "khoảng": "approx", "xấp xỉ": "approx", "ước tính": "approx",
    "ước đạt": "approx", "ước": "approx", "chừng": "approx",
    "hơn": "at_least", "trên": "at_least", "ngoài": "at_least", "tối thiểu": "at_least", "ít nhất": "at_least",
    "dưới": "at_most", "không quá": "at_most", "không hơn": "at_most", "chưa đến": "at_most", "chưa tới": "at_most",
    "tối đa": "at_most",
}
# Before a figure: a rise or a fall.
CHANGE_WORDS: dict[str, str] = {
    "kéo giảm": "decrease", "cắt giảm": "decrease", "giảm": "decrease", "rút ngắn": "decrease",
    "ngắn hơn": "decrease", "ít hơn": "decrease", "thấp hơn": "decrease",
    "tăng": "increase", "nhiều hơn": "increase", "cao hơn": "increase",
}
# After a duration: a period counted from now or from then, not a result ("3 năm tới", "5 năm qua",
# "3 ngày sau").
RELATIVE_PERIOD_AFTER = ("tới", "sắp tới", "qua", "vừa qua", "gần đây", "trở lại đây", "sau", "nữa",
                         "trước đó", "trước đây")
# ... but a time within which something was done is one: "giải quyết trong 3 ngày sau khi nhận tin".
NOT_RELATIVE_AFTER = ("sau khi",)
# A time of day: "lúc 8 giờ", "hồi 14 giờ 30 phút", "khoảng 22 giờ ngày 5/3", "9h sáng".
CLOCK_BEFORE = ("lúc", "hồi", "vào lúc", "đến lúc", "từ lúc", "từ", "đến")
# Before "d/m": a date ("ngày 1/7", "từ 10/10"), not a ratio.
DATE_WORDS_BEFORE = ("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "từ", "đến", "tới", "trước", "sau", "đầu",
                     "cuối")
# Months written in words ("mồng 3 tháng ba", "5 tháng Giêng"): a day of that month.
MONTH_WORDS = ("giêng", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "một", "chạp")
# Before a day of the month: "mồng 3", "mùng 5".
DAY_BEFORE = ("ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "mồng", "mùng")
DAY_PARTS = ("sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng sáng", "ngày", "hôm", "cùng ngày")


# People -----------------------------------------------------------------------------------------

# Family names: a name written after a title with no rank must begin with one, so that
# "Thủ tướng Chính phủ Việt Nam" is not read as a person (nor may it be a province: "Chủ tịch
# Hồ Chí Minh" is the city's namesake, not an official of the report).
SURNAMES = frozenset(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Tô Đinh Đào Trịnh Mai
    Trương Lâm Hà Đoàn Thái Cao Vương Tạ Lưu Quách Kiều Triệu Chu Châu Tăng Lại Giang Phùng Mạc Từ Khổng
    Hứa La Nông Lò Văn Tống Thân Doãn Âu Ông Khúc Nghiêm Quan Diệp Hầu Kim Lục Mạch Đàm Đồng Viên Vi Phí
    Tôn Cù Bạch Lữ Ninh Khuất Thạch Danh Lăng Ksor Rơ Y H Siu Rah Nay Kpă Niê Mlô Byă Điểu Lầu Giàng Sùng
    Vàng Thào Mùa Lù Chẩu Bế Sầm Đèo Cầm Lường Tòng Quàng Sơn A Vừ Tráng Ly Pờ Phàn Chảo Bàn Ma Mông Rcom
    Rmah Rahlan Ayun Êban Buôn Knul Ksơr Kpuil Đàng Hán Pi""".split()
)
# The most common of them, which a place name hardly holds after its first word: where one follows
# a place name, a person's name begins ("Công an huyện Yên Thành Trần Văn Lực").
COMMON_SURNAMES = frozenset("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Dương".split())


# Words after which a number names a thing instead of counting it: "Nghị quyết 57", "Đề án số 06",
# "Điều 331", "phường 5", "ngày 12/4", "tháng 12", "năm 2024", "quý 2", "lúc 8 giờ", "Km 15".
LABELS = (
    "nghị quyết", "chỉ thị", "đề án", "nghị định", "thông tư", "kết luận", "quyết định", "luật", "bộ luật", "công văn",
    "kế hoạch", "văn bản", "công điện", "thông báo", "hướng dẫn", "chương trình", "quy định", "điều", "khoản",
    "chương", "mục", "phụ lục", "tập", "trang", "khóa", "khoá", "kỳ họp", "phiên", "đợt", "giai đoạn", "tổ", "đội",
    "phường", "quận", "khu phố", "ấp", "thôn", "xóm", "khu", "lô", "tầng", "phòng", "hẻm", "ngõ", "ngách", "km",
    "quốc lộ", "tỉnh lộ", "lớp", "mã", "biển số", "căn hộ", "ngày", "tháng", "năm", "quý", "tuần", "lúc", "giờ", "lần",
    "top", "tốp", "số hiệu", "ký hiệu", "covid", "hội nghị trung ương", "trung ương khóa",
)
# "số 31" names a thing too, but "tổng số 300 vụ" counts.
NUMBER_SIGN = "số"
TOTAL_BEFORE_SIGN = "tổng"
# Before the years of an anniversary ("kỷ niệm 80 năm", "chào mừng lần thứ 50") and the days of a
# campaign's name ("cao điểm 100 ngày đêm", "đợt tấn công trấn áp tội phạm 90 ngày").
ANNIVERSARY_BEFORE = ("kỷ niệm", "chào mừng", "hướng tới", "nhân dịp", "dịp")
CAMPAIGN_BEFORE = ("cao điểm", "chiến dịch", "đợt")
CAMPAIGN_NAME_WORDS = ("lần thứ", "tấn công trấn áp tội phạm")


def words_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of these words, the longest where several match, spaces
    as any white space. Built as a trie ("ngày(?:\\s+đêm)?"), so that a place where no word begins
    is left after a letter or two rather than after trying every word."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for part in re.findall(r"\s+|.", word):
            node = node.setdefault(" " if part.isspace() else part, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if key == " " else re.escape(key)) + _trie_pattern(child)
                for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?"  # a word ends here, or goes on (greedy: the longer first)


def word_start_pattern(words: Iterable[str]) -> str:
    """Like words_pattern, any case, whole words only at their start, for a search over a whole
    text: the first letter comes first as a plain class, then the word boundary before it and the
    rest of the word, so that the search skips in C to the letters a word may begin with instead
    of trying the pattern at every character (up to three times faster, for words of rarer first
    letters)."""
    by_first: dict[str, list[str]] = {}
    for word in set(words):
        by_first.setdefault(word[0].lower(), []).append(word[1:])
    firsts = "".join(sorted({c for first in by_first for c in (first, first.upper())}))
    branches = "|".join(f"(?<=[{re.escape(first + first.upper())}]){words_pattern(rests)}"
                        for first, rests in sorted(by_first.items()))
    return rf"[{re.escape(firsts)}](?<![^\W_].)(?i:{branches})"
