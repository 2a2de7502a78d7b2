import pytest
from django.core.management import CommandError, call_command

from firstperson.platform.geography.models import Postcode
from firstperson.platform.geography.rules.distance import bounding_box, distance_metres, miles
from firstperson.platform.geography.rules.postcodes import postcode_area, postcode_outward
from firstperson.platform.geography.services import PostcodeImportRefused, postcodes_import

pytestmark = pytest.mark.django_db

ONSPD_HEADER = "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long\n"


def test_an_onspd_extract_is_loaded_and_postcodes_without_a_grid_reference_are_skipped():
    text = ONSPD_HEADER + (
        "WS1 4FG,WS1  4FG,WS1 4FG,202001,,400000,300000,52.5861,-1.9829\n"
        "ws2 7nq,WS2  7NQ,ws2 7nq,202001,,400100,300100,52.5900,-2.0100\n"
        "WS9 9ZZ,WS9  9ZZ,WS9 9ZZ,202001,,,,99.999999,0.000000\n"
    )
    result = postcodes_import(csv_text=text)
    assert (result.imported, result.skipped_without_coordinates) == (2, 1)
    assert Postcode.objects.get(postcode="WS2 7NQ").latitude == pytest.approx(52.59)


def test_one_bad_row_refuses_the_whole_file():
    text = ONSPD_HEADER + "WS1 4FG,,WS1 4FG,,,,,52.5,-1.9\nNOT A POSTCODE,,NOT A POSTCODE,,,,,52.5,-1.9\n"
    with pytest.raises(PostcodeImportRefused) as refused:
        postcodes_import(csv_text=text)
    assert "Line 3" in refused.value.problems[0]
    assert not Postcode.objects.exists()


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(PostcodeImportRefused, match="columns"):
        postcodes_import(csv_text="code,x,y\nWS1 4FG,1,2\n")


def test_the_command_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no file"):
        call_command("import_postcodes", str(tmp_path / "missing.csv"))


def test_outward_code_area_and_distances():
    assert (postcode_outward("ws10 6rw"), postcode_area("ws10 6rw")) == ("WS10", "WS")
    assert distance_metres(52.5, -2.0, 52.5, -2.0) == 0
    one_degree_north = distance_metres(52.5, -2.0, 53.5, -2.0)
    assert one_degree_north == pytest.approx(111_320)
    assert miles(1609.344) == pytest.approx(1)
    box = bounding_box(52.5, -2.0, 1000)
    assert box.min_latitude < 52.5 < box.max_latitude
    assert distance_metres(52.5, -2.0, box.max_latitude, -2.0) == pytest.approx(1000)
