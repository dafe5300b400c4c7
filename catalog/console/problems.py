"""What can be wrong with an import, in Chinese and English: a file-level
``FileError`` (the whole upload is refused) or a ``Problem`` in one cell.
Problems are stored in a job's report and printed by the command, so they
carry both languages rather than a gettext id."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import DomainError

TEXTS: dict[str, tuple[str, str]] = {
    # the whole file
    "file.not_xlsx": ("文件不是 Excel 工作簿（.xlsx），请使用下载的模板。",
                      "The file is not an Excel workbook (.xlsx); use the downloaded template."),
    "file.too_large": ("文件超过 {limit} MB。", "The file is larger than {limit} MB."),
    "file.unpacked_too_large": ("文件解压后超过 {limit} MB，请分批导入。",
                                "Unpacked, the file is larger than {limit} MB; import it in several files."),
    "file.compression": ("文件压缩比异常（可能是“压缩炸弹”），未予读取。",
                         "The file is compressed far more than a workbook can be "
                         "(a possible zip bomb); it was not read."),
    "file.empty": ("工作表“{sheet}”中没有数据行。", "The sheet “{sheet}” has no data rows."),
    "file.too_many_rows": ("数据行超过 {limit} 行，请分批导入。",
                           "More than {limit} data rows; import them in several files."),
    "file.headers": ("工作表“{sheet}”的表头与模板不符：缺少 {missing}；多出 {extra}。",
                     "The headers of sheet “{sheet}” do not match the template: missing {missing}; "
                     "unexpected {extra}."),
    "file.conflict": ("导入时数据已被他人修改，未导入任何数据，请重新上传。",
                      "The data changed while importing; nothing has been imported. Upload the file again."),
    # one cell
    "required": ("必填。", "Required."),
    "too_long": ("超过 {maximum} 字。", "Longer than {maximum} characters."),
    "too_short": ("至少 {minimum} 字。", "Shorter than {minimum} characters."),
    "unknown": ("“{value}”不是可用的值，见“说明”表。",
                "“{value}” is not a known value; see the notes sheet."),
    "integer": ("应为 {minimum}–{maximum} 的整数。", "Must be a whole number from {minimum} to {maximum}."),
    "code.format": ("编号格式应为“行业前缀-序号”，如 CE-03。",
                    "A code looks like CE-03 (sector prefix and number)."),
    "duplicate": ("与第 {first} 行重复。", "Repeats row {first}."),
    "retired": ("条目已退出目录，不能通过导入修改。",
                "The entry has been retired; an import cannot change it."),
    "figure.orphan": ("“技术条目”表中没有编号 {entry}。", "The entries sheet has no code {entry}."),
    "uscc.length": ("应为 18 位（现为 {length} 位）。", "Must have 18 characters (it has {length})."),
    "uscc.charset": ("含有不允许的字符：{chars}。", "Contains characters that are not allowed: {chars}."),
    "uscc.authority": ("第 1 位登记管理部门代码“{char}”无效。",
                       "The 1st character (registration authority) “{char}” is not valid."),
    "uscc.category": ("第 2 位机构类别代码“{char}”无效。",
                      "The 2nd character (organisation category) “{char}” is not valid."),
    "uscc.division": ("第 3–8 位行政区划码“{value}”应为数字。",
                      "Characters 3–8 (administrative division) “{value}” must be digits."),
    "uscc.check_character": ("校验码应为“{expected}”，而不是“{char}”。",
                             "The check character should be “{expected}”, not “{char}”."),
    "mobile.invalid": ("不是有效的中国大陆手机号。", "Not a valid mainland China mobile number."),
    "email.invalid": ("不是有效的邮箱地址。", "Not a valid e-mail address."),
    "province.required": ("所在区县为“市外”时须填写省份。", "Give the province when the district is 市外."),
    "province.unexpected": ("重庆区县的单位不填省份。", "Leave the province empty for a Chongqing district."),
    "kind.bureau": ("主管部门单位不能通过导入修改。",
                    "The bureau's organisation cannot be changed by an import."),
    "kind.changed": ("不能更改已有单位的类型（现为“{current}”）。",
                     "An existing organisation's kind cannot change (it is “{current}”)."),
    "status.change": ("已有单位的核验状态请在核验页面办理（现为“{current}”）。",
                      "Change an existing organisation's verification on the verification page "
                      "(it is “{current}”)."),
    "status.new": ("新建单位只能为“待核验”或“已核验”。", "A new organisation can only be 待核验 or 已核验."),
}


def text(code: str, **params: Any) -> tuple[str, str]:
    zh, en = TEXTS[code]
    return zh.format(**params), en.format(**params)


@dataclass(frozen=True)
class Problem:
    """``row`` as Excel numbers it, ``column`` the Chinese header (and sheet)."""

    row: int
    column: str
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        zh, en = text(self.code, **dict(self.params))
        return {"row": self.row, "column": self.column, "code": self.code,
                "problem_zh": zh, "problem_en": en}


def problem(row: int, column: str, code: str, **params: Any) -> Problem:
    if "value" in params:
        params["value"] = str(params["value"])[:60]
    return Problem(row, column, code, tuple(params.items()))


class FileError(DomainError):
    """The upload as a whole is refused (wrong type, headers, size, rows)."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def texts(self) -> tuple[str, str]:
        return text(self.code, **self.params)
