from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from municipalities.cbs_csv import CBS_LIST
from municipalities.models import Municipality
from municipalities.size_classes import SizeClass

HEADER = "cbs_code,name,province,population,population_year,veiligheidsregio_code,area_km2\n"
ROWS = [
    "GM0344,Utrecht,Utrecht,374238,2025,VR09,94\n",
    "GM0307,Amersfoort,Utrecht,161055,2025,VR09,63\n",
    '"GM0820","Nuenen, Gerwen en Nederwetten",Noord-Brabant,23568,2025,VR22,34\n',
]
SHARED_CSV = Path(settings.BASE_DIR).parent / "shared" / "data" / "gemeenten.csv"

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, text: str, name: str = "gemeenten.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_municipalities", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_the_shipped_cbs_list():
    out, _ = run(CBS_LIST)
    assert Municipality.objects.count() == 342
    assert "342 created" in out
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    assert (utrecht.name, utrecht.province) == ("Utrecht", "Utrecht")
    assert utrecht.size_class == SizeClass.FROM_250K
    assert Municipality.objects.get(cbs_code="GM1992").name == "Voorne aan Zee"


def test_shipped_list_is_the_shared_reference_data():
    if not SHARED_CSV.exists():
        pytest.skip("no shared/ checkout beside this repository")
    shipped = CBS_LIST
    assert shipped.read_bytes() == SHARED_CSV.read_bytes()


def test_reimport_changes_nothing(tmp_path):
    path = write(tmp_path, HEADER + "".join(ROWS))
    run(path)
    before = list(Municipality.objects.values())
    out, _ = run(path)
    assert "0 created, 0 updated, 3 unchanged" in out
    assert list(Municipality.objects.values()) == before


def test_changed_row_updates_the_municipality(tmp_path):
    run(write(tmp_path, HEADER + "".join(ROWS)))
    changed = ROWS[1].replace("161055", "162000")
    out, _ = run(write(tmp_path, HEADER + ROWS[0] + changed + ROWS[2], "new.csv"))
    assert "0 created, 1 updated, 2 unchanged" in out
    assert Municipality.objects.get(cbs_code="GM0307").population == 162000


def test_quoted_name_with_comma(tmp_path):
    run(write(tmp_path, HEADER + "".join(ROWS)))
    assert Municipality.objects.get(cbs_code="GM0820").name == "Nuenen, Gerwen en Nederwetten"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("GM0363,Amsterdam,Noord-Holland,veel,2025,VR13,\n", "population 'veel' is not a whole"),
        ("0363,Amsterdam,Noord-Holland,931298,2025,VR13,\n", "does not look like GM0344"),
        ("GM0363,,Noord-Holland,931298,2025,VR13,\n", "name is empty"),
        ("GM0363,Amsterdam,Noord-Holland,931298,2025,Z13,\n", "veiligheidsregio_code"),
        ("GM0363,Amsterdam,Noord-Holland\n", "expected 7 fields"),
        ("GM0344,Utrecht again,Utrecht,1,2025,VR09,\n", "already on line 2"),
    ],
)
def test_malformed_row_is_reported_with_its_line_and_nothing_is_written(tmp_path, bad_row, reason):
    path = write(tmp_path, HEADER + ROWS[0] + ROWS[1] + bad_row + ROWS[2])
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert "line 4:" in message
    assert reason in message
    assert "nothing was imported" in message
    assert Municipality.objects.count() == 0


def test_every_bad_line_is_listed(tmp_path):
    path = write(
        tmp_path,
        HEADER + "GM1,A,B,1,,,\n" + ROWS[0] + "GM0002,,B,1,,,\n",
    )
    with pytest.raises(CommandError) as raised:
        run(path)
    assert "line 2:" in str(raised.value) and "line 4:" in str(raised.value)


def test_a_failed_import_keeps_the_previous_data(tmp_path):
    run(write(tmp_path, HEADER + "".join(ROWS)))
    broken = ROWS[0].replace("374238", "400000") + "GM9999,,X,1,,,\n"
    with pytest.raises(CommandError):
        run(write(tmp_path, HEADER + broken, "broken.csv"))
    assert Municipality.objects.get(cbs_code="GM0344").population == 374238


def test_unknown_columns_are_ignored_with_a_warning(tmp_path):
    header = HEADER.rstrip("\n") + ",zorgkantoor,rso\n"
    rows = [row.rstrip("\n") + ",Zilveren Kruis,RSO Utrecht\n" for row in ROWS]
    out, err = run(write(tmp_path, header + "".join(rows)))
    assert "ignored unknown column(s): zorgkantoor, rso" in err
    assert "3 created" in out


def test_optional_columns_may_be_absent(tmp_path):
    run(write(tmp_path, "cbs_code,name,province,population\nGM0344,Utrecht,Utrecht,374238\n"))
    utrecht = Municipality.objects.get(cbs_code="GM0344")
    assert utrecht.area_km2 is None and utrecht.veiligheidsregio_code == ""


def test_missing_required_column_is_refused(tmp_path):
    with pytest.raises(CommandError, match="missing column"):
        run(write(tmp_path, "cbs_code,name,population\nGM0344,Utrecht,374238\n"))


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "absent.csv")
