import copy
import json

import pytest

from gaic_desktop.core.formats import (FormatDef, FormatError, ValueCell, format_for_year, get_format,
                                       load_format_file, resources_dir)


def grid_rows(placed):
    return max(p.row + p.rowspan for p in placed)


@pytest.mark.parametrize("fid,t3_rows,t3_cells,rowspan,t2_cells", [
    ("2021", 28, 175, 22, 10),
    ("2019", 26, 161, 20, 22),
])
def test_table_shapes_match_the_spec(fid, t3_rows, t3_cells, rowspan, t2_cells):
    fmt = get_format(fid)
    placed = fmt.placed("t3", None)
    assert grid_rows(placed) == t3_rows
    assert fmt.table("t3").columns == 10
    assert sum(1 for p in placed if p.is_value) == t3_cells
    head = next(p for p in placed if not p.is_value and p.cell.text == "三、本年度办理结果")
    assert head.rowspan == rowspan and head.col == 0
    note = next(p for p in placed if p.cell.__class__.__name__ == "LabelCell" and p.cell.role == "note")
    assert note.cell.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (note.rowspan, note.colspan) == (3, 3)
    t2 = [p for p in fmt.placed("t2", None) if p.is_value]
    assert len(t2) == t2_cells
    t4 = fmt.placed("t4", None)
    assert grid_rows(t4) == 4 and sum(1 for p in t4 if p.is_value) == 15


def test_verbatim_labels_2021():
    fmt = get_format("2021")
    texts = [p.cell.text for p in fmt.placed("t3", None) if not p.is_value]
    for label in ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3.危及“三安全一稳定”",
                  "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                  "四、结转下年度继续办理", "（七）总计", "法人或其他组织", "申请人情况"]:
        assert label in texts
    t2 = [p.cell.text for p in fmt.placed("t2", None) if not p.is_value]
    assert "本年收费金额（单位：万元）" in t2 and "第二十条第（八）项" in t2
    assert [s.heading for s in fmt.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert fmt.cell("t2.fee.amount").kind == "money" and fmt.cell("t2.fee.amount").unit == "万元"


def test_2019_hubei_variant_row_and_glosses():
    fmt = get_format("2019")
    national = fmt.placed("t2", None)
    hubei = fmt.placed("t2", "hubei")
    assert len(hubei) == len(national) + 4
    assert fmt.cell("t2.other_docs.made").variant == "hubei"
    assert fmt.cell("t2.licensing.delta").kind == "signed"
    head = next(p for p in hubei if not p.is_value and p.cell.text == "上一年项目数量")
    assert head.cell.text_for("hubei", 2020) == "上一年项目数量（指2019年事项数）"
    assert head.cell.text_for(None, 2020) == "上一年项目数量"


def test_every_cell_is_placed_once_and_spans_tile_the_grid():
    for fid in ("2019", "2021"):
        fmt = get_format(fid)
        for t in fmt.tables:
            for variant in (None, *[v.key for v in fmt.variants]):
                placed = fmt.placed(t.key, variant)
                covered = set()
                for p in placed:
                    for r in range(p.row, p.row + p.rowspan):
                        for c in range(p.col, p.col + p.colspan):
                            assert (r, c) not in covered
                            covered.add((r, c))
                assert len(covered) == grid_rows(placed) * t.columns


def test_auto_totals_are_the_forms_sums():
    fmt = get_format("2021")
    autos = {ref for ref, info in fmt.cells().items() if info.auto_total}
    assert "t3.r_total.natural" in autos and "t3.new.total" in autos and "t3.r_total.total" in autos
    assert {"t4.cases.rv_total", "t4.cases.ld_total", "t4.cases.lr_total"} <= autos
    assert "t3.carried_out.natural" not in autos and "t3.carried_out.total" in autos
    assert len(autos) == 25 + 6 + 3


def test_format_for_year():
    assert format_for_year(2019).id == "2019"
    assert format_for_year(2020).id == "2019"
    assert format_for_year(2021).id == "2021"
    assert format_for_year(2030).id == "2021"
    with pytest.raises(FormatError):
        format_for_year(2015)


def _broken(tmp_path, mutate):
    raw = json.loads((resources_dir() / "formats" / "2021.json").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    mutate(raw)
    p = tmp_path / "broken.json"
    p.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return p


def _rule(raw, rid):
    return next(r for r in raw["rules"] if r["id"] == rid)


def _t3(raw):
    return next(t for t in raw["tables"] if t["key"] == "t3")


@pytest.mark.parametrize("mutate", [
    lambda raw: _t3(raw)["layout"][3].append({"cell": "new.total"}),          # overflows / duplicate
    lambda raw: _t3(raw)["layout"][3].pop(),                                   # a gap in the grid
    lambda raw: _t3(raw)["layout"][0][0].update(rowspan=4),                    # overlapping span
    lambda raw: _rule(raw, "T3-1")["over"].append("nonexistent"),              # rule on a missing cell
    lambda raw: raw["rules"].append(dict(raw["rules"][0])),                    # duplicate rule id
    lambda raw: raw["sections"].pop(),                                         # five sections
    lambda raw: _t3(raw)["layout"][4][1].update(cell="new.nosuchcol"),         # unknown data column
    lambda raw: raw["rules"][0].update(kind="nosuchkind"),                     # unknown rule kind
    lambda raw: _t3(raw).update(kind="float"),                                 # unknown cell kind
])
def test_broken_definition_fails_loudly(tmp_path, mutate):
    with pytest.raises(FormatError):
        load_format_file(_broken(tmp_path, mutate))


def test_shipped_definitions_validate():
    for fid in ("2019", "2021"):
        assert isinstance(load_format_file(resources_dir() / "formats" / f"{fid}.json"), FormatDef)
        assert all(isinstance(p.cell, ValueCell) for p in get_format(fid).placed("t4", None) if p.is_value)


def test_item_label_is_the_label_on_the_rows_own_line():
    fmt = get_format("2021")
    assert fmt.item_label("t3", "d1") == "1.属于国家秘密"
    assert fmt.item_label("t3", "r_open") == "（一）予以公开"
    assert fmt.item_label("t3", "new") == "一、本年新收政府信息公开申请数量"
    assert get_format("2019").item_label("t3", "o") == "（六）其他处理"
    assert get_format("2019").item_label("t2", "other_docs").startswith("其他主动公开文件")
