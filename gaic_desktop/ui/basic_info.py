"""The 基本信息 tab: the report's own data (organisation, year, format, title, 落款, contact,
拟稿/审核/签发), the totals mode (合计自动计算 / 照印刷录入) and the opening paragraphs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (QButtonGroup, QCalendarWidget, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QRadioButton, QScrollArea, QSpinBox, QToolButton, QVBoxLayout,
                               QWidget)

from .commands import get_path
from .section_tab import NarrativeEdit, heading_label

_NO_DATE = QDate(2000, 1, 1)

# path -> (label, placeholder)
TEXT_FIELDS = [
    ("organisation", "机关名称", "如：武汉市汉阳区人民政府"),
    ("title", "报告标题", ""),
    ("signoff.organisation", "落款单位", "报告末尾署名的机关"),
    ("contact.person", "联系人", ""),
    ("contact.phone", "联系电话", ""),
    ("people.drafter", "拟稿", "拟稿人姓名"),
    ("people.reviewer", "审核", "审核人姓名"),
    ("people.approver", "签发", "签发人姓名"),
]


class FieldEdit(QLineEdit):
    def __init__(self, doc, path: str, label: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.path = path
        self.label = label
        self.setObjectName(f"field_{path.replace('.', '_')}")
        self.reload()
        self.textEdited.connect(self._edited)
        doc.fieldChanged.connect(self._on_field)
        doc.reportReset.connect(self.reload)

    def reload(self) -> None:
        v = get_path(self.doc.report, self.path) or ""
        if v != self.text():
            self.setText(v)
        if self.path == "title":
            # an empty title means "derived" (organisation + year): shown, never stored
            self.setPlaceholderText(self.doc.report.display_title() if not v.strip() else "")
            self.setToolTip("留空则按机关名称和报告年度自动生成标题")

    def _edited(self, text: str) -> None:
        self.doc.set_field(self.path, text, f"修改“{self.label}”")

    def _on_field(self, path: str, _text) -> None:
        if path == self.path or (self.path == "title" and path in ("organisation", "year")):
            self.reload()


class ChineseCalendarWidget(QCalendarWidget):
    """The calendar's header reads 「2021年 1月」 (year first, as Chinese calendars do) rather
    than Qt's 「一月 2021」: the year button comes before the month button, the texts are set
    after every change of the page (Qt rewrites them on a page change and when shown)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.month_button = self.findChild(QToolButton, "qt_calendar_monthbutton")
        self.year_button = self.findChild(QToolButton, "qt_calendar_yearbutton")
        nav = self.findChild(QWidget, "qt_calendar_navigationbar")
        lay = nav.layout() if nav is not None else None
        if self.month_button is None or self.year_button is None or lay is None:
            return  # another Qt version built it differently: leave Qt's header
        # prev | month | year | next  ->  prev | year | month | next (spacers stay in place)
        i_month, i_year = lay.indexOf(self.month_button), lay.indexOf(self.year_button)
        if 0 <= i_month < i_year:
            lay.removeWidget(self.year_button)
            lay.removeWidget(self.month_button)
            lay.insertWidget(i_month, self.year_button)
            lay.insertWidget(i_year, self.month_button)
        self.currentPageChanged.connect(lambda *_: self.chinese_header())
        self.chinese_header()

    def chinese_header(self) -> None:
        if self.month_button is None or self.year_button is None:
            return
        self.year_button.setText(f"{self.yearShown()}年")
        self.month_button.setText(f"{self.monthShown()}月")
        menu = self.month_button.menu()  # the month list: 1月 … 12月
        if menu is not None:
            for i, action in enumerate(menu.actions()[:12], 1):
                action.setText(f"{i}月")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.chinese_header()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LocaleChange:
            self.chinese_header()


class SignoffDateEdit(QDateEdit):
    """落款日期: 「（未填写）」 when the report has no date (the minimum date stands for it);
    the calendar then opens on January of the year after the report year (when reports are
    signed), not on the placeholder's January 2000."""

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("field_signoff_date")
        self.setDisplayFormat("yyyy年M月d日")
        self.setCalendarPopup(True)
        self._calendar: ChineseCalendarWidget | None = None  # made when first needed (~10 ms)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText("（未填写）")
        self.setDate(_NO_DATE)

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 (Qt name)
        """The popup's calendar (the Chinese one), made on first use: before Qt would make its
        own (a click on the arrow, a key that opens the popup) or when asked for."""
        if self._calendar is None:
            self._calendar = ChineseCalendarWidget(self)
            self.setCalendarWidget(self._calendar)
            self._calendar.installEventFilter(self)
        return super().calendarWidget()

    def mousePressEvent(self, event) -> None:
        self.calendarWidget()
        super().mousePressEvent(event)

    def is_blank(self) -> bool:
        return self.date() == _NO_DATE

    def keyPressEvent(self, event) -> None:
        self.calendarWidget()  # (F4 / Alt+↓ open the popup)
        if self.is_blank() and event.text().isdigit():
            # 「（未填写）」 cannot be typed over (the typed digits vanish into it): start from
            # 1 January of the signing year, its year selected, so that the typed date replaces it
            self.setDate(QDate(self.doc.report.year + 1, 1, 1))
            self.setSelectedSection(QDateEdit.Section.YearSection)
        super().keyPressEvent(event)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and obj is self._calendar and self.is_blank():
            obj.setCurrentPage(self.doc.report.year + 1, 1)
        return super().eventFilter(obj, event)


class BasicInfoTab(QWidget):
    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(16, 8, 16, 8)
        lay.addWidget(heading_label("基本信息"))

        top = QHBoxLayout()
        report_box = QGroupBox("报告")
        form = QFormLayout(report_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, FieldEdit] = {}
        for path, label, placeholder in TEXT_FIELDS[:2]:
            self._add_field(form, path, label, placeholder)
        self.year = QSpinBox()
        self.year.setObjectName("field_year")
        self.year.setSuffix(" 年度")
        self.year.setKeyboardTracking(False)
        self.year.valueChanged.connect(self._year_changed)
        form.addRow("报告年度", self.year)
        self.format_label = QLabel()
        self.format_label.setWordWrap(True)
        self.format_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("报告格式", self.format_label)
        top.addWidget(report_box, 3)

        mode_box = QGroupBox("合计")
        ml = QVBoxLayout(mode_box)
        self.auto_radio = QRadioButton("合计自动计算")
        self.auto_radio.setObjectName("mode_auto")
        self.printed_radio = QRadioButton("照印刷录入")
        self.printed_radio.setObjectName("mode_printed")
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.auto_radio)
        self._modes.addButton(self.printed_radio)
        ml.addWidget(self.auto_radio)
        hint = QLabel("“总计”“合计”栏由程序按表内数字计算，不能手工填写。")
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#555")
        ml.addWidget(hint)
        ml.addWidget(self.printed_radio)
        hint2 = QLabel("按已印发的报告逐格录入合计数，程序检查合计是否等于各项之和。")
        hint2.setWordWrap(True)
        hint2.setStyleSheet("color:#555")
        ml.addWidget(hint2)
        ml.addStretch(1)
        self.auto_radio.clicked.connect(lambda: doc.set_totals_mode("auto"))
        self.printed_radio.clicked.connect(lambda: doc.set_totals_mode("printed"))
        top.addWidget(mode_box, 2)
        lay.addLayout(top)

        sign_box = QGroupBox("落款与审签")
        sf = QFormLayout(sign_box)
        sf.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._add_field(sf, *TEXT_FIELDS[2])
        self.date = SignoffDateEdit(doc)
        self.date.dateChanged.connect(self._date_changed)
        sf.addRow("落款日期", self.date)
        self.signoff_hint = QLabel()
        self.signoff_hint.setObjectName("signoff_hint")
        self.signoff_hint.setWordWrap(True)
        self.signoff_hint.setStyleSheet("color:#8a5a00")
        sf.addRow("", self.signoff_hint)
        for spec in TEXT_FIELDS[3:]:
            self._add_field(sf, *spec)
        self.fields["signoff.organisation"].setToolTip("留空或与机关名称相同时，随机关名称自动填写；"
                                                      "另行填写后不再随之改变")
        lay.addWidget(sign_box)

        pre_box = QGroupBox("正文开头（“一、总体情况”之前的段落）")
        pl = QVBoxLayout(pre_box)
        self.preface = NarrativeEdit(doc, "preface", "正文开头")
        self.preface.setPlaceholderText("如：根据《中华人民共和国政府信息公开条例》……制作本报告。")
        self.preface.setMinimumHeight(90)
        pl.addWidget(self.preface)
        lay.addWidget(pre_box, 1)

        doc.fieldChanged.connect(self._on_field)
        doc.reportReset.connect(self.reload)
        self.reload()

    def _add_field(self, form: QFormLayout, path: str, label: str, placeholder: str) -> None:
        edit = FieldEdit(self.doc, path, label)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        self.fields[path] = edit
        form.addRow(label, edit)

    def reload(self) -> None:
        r = self.doc.report
        fmt = r.fmt
        self.year.blockSignals(True)
        self.year.setRange(fmt.first_year, fmt.last_year or 2100)
        self.year.setValue(r.year)
        self.year.blockSignals(False)
        text = f"{fmt.name}（{fmt.document}）"
        if r.variant:
            text += f"；{fmt.variant_names().get(r.variant, r.variant)}"
        self.format_label.setText(text)
        self.date.blockSignals(True)
        d = r.signoff.date
        self.date.setDate(QDate(d.year, d.month, d.day) if d else _NO_DATE)
        self.date.blockSignals(False)
        (self.auto_radio if r.totals_mode == "auto" else self.printed_radio).setChecked(True)
        self._update_signoff_hint()

    def missing_signoff(self) -> list[str]:
        """The parts of the 落款 not filled in: 「落款单位」, 「落款日期」."""
        r = self.doc.report
        missing = []
        if not (r.signoff.organisation or "").strip():
            missing.append("落款单位")
        if r.signoff.date is None:
            missing.append("落款日期")
        return missing

    def _update_signoff_hint(self) -> None:
        missing = self.missing_signoff()
        self.signoff_hint.setText(f"{'和'.join(missing)}尚未填写，印发前请补填。" if missing else "")
        self.signoff_hint.setVisible(bool(missing))
        for path, edit in ((("signoff.organisation", self.fields.get("signoff.organisation")),
                            ("signoff.date", self.date))):
            blank = (path == "signoff.date" and "落款日期" in missing) \
                or (path == "signoff.organisation" and "落款单位" in missing)
            if edit is not None:
                edit.setStyleSheet("background:#fff4d6" if blank else "")

    def focus_signoff(self) -> None:
        """Show the 落款 and put the cursor where it is missing (the date first), e.g. when a
        finding of X-6 is clicked."""
        missing = self.missing_signoff()
        target = self.fields["signoff.organisation"] if missing == ["落款单位"] else self.date
        self.scroll.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_field(self, path: str, _text) -> None:
        if path in ("year", "signoff.date", "totals_mode"):
            self.reload()
        elif path in ("signoff.organisation", "organisation"):
            self._update_signoff_hint()

    def _year_changed(self, year: int) -> None:
        if year != self.doc.report.year:
            self.doc.set_field("year", year, "修改报告年度")

    def _date_changed(self, qd: QDate) -> None:
        value = None if qd == _NO_DATE else dt.date(qd.year(), qd.month(), qd.day())
        if value != self.doc.report.signoff.date:
            self.doc.set_field("signoff.date", value, "修改落款日期")
