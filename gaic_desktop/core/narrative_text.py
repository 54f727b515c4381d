"""Reading the narrative's text: normalisation (traditional characters, full-width forms, spaces,
thousands separators) and the figures it writes, for rule X-1 (``core/narrative.py``)."""

from __future__ import annotations

import re
import unicodedata

# Traditional -> simplified for the characters of the form's labels, headings and the usual
# report vocabulary (mirror sites publish reports in traditional characters). Used for
# matching only; the printed text is kept as it is.
_T2S_PAIRS = (
    "開开據据數数請请處处結结轉转務务機机關关資资訊讯報报紀纪況况總总計计復复議议訴诉訟讼維维"
    "審审糾纠決决規规範范廢废現现發发單单費费額额採采購购項项製制號号條条強强罰罚許许內内實实"
    "際际權权護护險险穩稳國国戶户屬属類类過过檢检詢询執执無无補补確确訪访舉举複复讓让當当認认"
    "獲获繳缴納纳繼继續续辦办組组織织業业構构會会係系為为於于區区縣县門门傳传專专變变應应對对"
    "從从與与這这個个們们來来時时後后產产動动問问題题進进錄录頁页論论質质設设雙双隨随義义導导"
    "點点標标準准鄉乡鎮镇態态環环幣币萬万億亿餘余負负減减級级邊边圍围擴扩營营歷历約约節节臺台"
    "並并網网頭头證证頒颁佈布說说監监隊队書书頻频視视聞闻觀观參参聽听黨党員员幹干廳厅歸归檔档"
    "陽阳漢汉蘇苏澤泽濟济寧宁東东廣广豐丰龍龙華华聯联繫系郵邮編编電电話话碼码審审計计稅税務务"
    "護护衛卫災灾災灾執执罰罚覆复準准屆届戰战線线區区慶庆醫医藥药貿贸稱称價价錢钱收收額额團团"
    "體体礎础設设軟软備备顯显響响頒颁選选擇择簡简單单雜杂據据圖图書书館馆廠厂場场樣样層层"
)
T2S = str.maketrans({_T2S_PAIRS[i]: _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)})


# (?<!\d): a figure starts where its digits start, so a long run of digits is scanned once
# (without it, every position inside the run is tried again: quadratic).
_NUMBER = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)(余|多)?(件|起|宗|个|项|次|万元|元)")
# A figure longer than this is no table figure (cells hold at most 12 digits and 6 decimals).
_MAX_FIGURE_CHARS = 24
_YEAR_MENTION = re.compile(r"((?:19|20)\d{2})年")
_APPROX = re.compile(r"(?:约|近|超过|逾|达到?|共计约)$")


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(T2S)
    s = re.sub(r"\s+", "", s)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)  # thousands separators: 1,148件
