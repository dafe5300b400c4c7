"""Provincial-level divisions other than Chongqing, for organisations 「市外」
(outside the municipality). Chongqing's own districts are the ``district`` table."""
from __future__ import annotations

PROVINCES: tuple[tuple[str, str, str], ...] = (
    ("beijing", "北京市", "Beijing"), ("tianjin", "天津市", "Tianjin"), ("hebei", "河北省", "Hebei"),
    ("shanxi", "山西省", "Shanxi"), ("nei_mongol", "内蒙古自治区", "Inner Mongolia"),
    ("liaoning", "辽宁省", "Liaoning"), ("jilin", "吉林省", "Jilin"),
    ("heilongjiang", "黑龙江省", "Heilongjiang"), ("shanghai", "上海市", "Shanghai"),
    ("jiangsu", "江苏省", "Jiangsu"), ("zhejiang", "浙江省", "Zhejiang"), ("anhui", "安徽省", "Anhui"),
    ("fujian", "福建省", "Fujian"), ("jiangxi", "江西省", "Jiangxi"), ("shandong", "山东省", "Shandong"),
    ("henan", "河南省", "Henan"), ("hubei", "湖北省", "Hubei"), ("hunan", "湖南省", "Hunan"),
    ("guangdong", "广东省", "Guangdong"), ("guangxi", "广西壮族自治区", "Guangxi"),
    ("hainan", "海南省", "Hainan"), ("sichuan", "四川省", "Sichuan"), ("guizhou", "贵州省", "Guizhou"),
    ("yunnan", "云南省", "Yunnan"), ("xizang", "西藏自治区", "Tibet"), ("shaanxi", "陕西省", "Shaanxi"),
    ("gansu", "甘肃省", "Gansu"), ("qinghai", "青海省", "Qinghai"), ("ningxia", "宁夏回族自治区", "Ningxia"),
    ("xinjiang", "新疆维吾尔自治区", "Xinjiang"), ("hong_kong", "香港特别行政区", "Hong Kong SAR"),
    ("macao", "澳门特别行政区", "Macao SAR"), ("taiwan", "台湾省", "Taiwan"),
)
PROVINCE_KEYS = frozenset(key for key, _zh, _en in PROVINCES)


def province_label(key: str | None, locale: str) -> str:
    for k, zh, en in PROVINCES:
        if k == key:
            return en if locale.startswith("en") else zh
    return key or ""
