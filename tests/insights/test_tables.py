"""The CSV export as Dutch Excel opens it: BOM, semicolons, decimal commas, no formulas."""

from insights.tables import csv_response, table


def test_a_csv_opens_in_dutch_excel_with_its_accents_fractions_and_no_formulas():
    source = table(
        "kerncijfers",
        "Kerncijfers",
        ["Gemeente", "Gini", "Notitie"],
        [["Súdwest-Fryslân", 0.38, "=1+1"], ["Utrecht", 12, None]],
        numeric=[1],
    )
    body = csv_response(source, "kerncijfers.csv").content.decode("utf-8")
    assert body == ("\ufeffGemeente;Gini;Notitie\r\nSúdwest-Fryslân;0,38;'=1+1\r\nUtrecht;12;\r\n")
