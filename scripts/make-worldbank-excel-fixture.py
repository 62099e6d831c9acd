#!/usr/bin/env python3
# Writes the World Bank "Download Excel" fixture (Data sheet with its preamble, "Metadata - Countries", "Metadata -
# Indicators") as BIFF8 .xls with xlwt 1.3 (pip install xlwt):
#   python3 scripts/make-worldbank-excel-fixture.py Tests/Fixtures/publisher-shapes/API_IT.NET.BBND.P2_DS2_en_excel_v2_9143.xls
# Values: of the real order of magnitude, not the published figures; income groups as in the World Bank FY2026
# classification (July 2025) for these economies.
import datetime, sys, xlwt
book = xlwt.Workbook()
data = book.add_sheet("Data")
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
data.write(0, 0, "Data Source"); data.write(0, 1, "World Development Indicators")
data.write(2, 0, "Last Updated Date"); data.write(2, 1, datetime.date(2025, 7, 1), date)
header = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"] + [str(y) for y in (2022, 2023, 2024)]
for c, h in enumerate(header): data.write(4, c, h)
name = "Fixed broadband subscriptions (per 100 people)"
rows = [("Korea, Rep.", "KOR", 45.3, 46.4, None), ("Thailand", "THA", 17.5, 19.0, 20.1),
        ("Indonesia", "IDN", 4.5, 5.1, None), ("Viet Nam", "VNM", 21.7, 23.3, 24.4),
        ("East Asia & Pacific", "EAS", 33.0, 34.1, None), ("World", "WLD", 18.2, 19.0, None)]
for r, (country, code, *values) in enumerate(rows, start=5):
    for c, v in enumerate([country, code, name, "IT.NET.BBND.P2"] + values):
        if v is not None: data.write(r, c, v)
meta = book.add_sheet("Metadata - Countries")
for c, h in enumerate(["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"]): meta.write(0, c, h)
countries = [("EAS", "", "", "East Asia & Pacific regional aggregate (includes all income levels).", "East Asia & Pacific"),
             ("IDN", "East Asia & Pacific", "Upper middle income", "", "Indonesia"),
             ("KOR", "East Asia & Pacific", "High income", "", "Korea, Rep."),
             ("THA", "East Asia & Pacific", "Upper middle income", "", "Thailand"),
             ("VNM", "East Asia & Pacific", "Lower middle income", "", "Viet Nam"),
             ("WLD", "", "", "World total.", "World")]
for r, row in enumerate(countries, start=1):
    for c, v in enumerate(row):
        if v: meta.write(r, c, v)
ind = book.add_sheet("Metadata - Indicators")
for c, h in enumerate(["INDICATOR_CODE", "INDICATOR_NAME", "SOURCE_NOTE", "SOURCE_ORGANIZATION"]): ind.write(0, c, h)
for c, v in enumerate(["IT.NET.BBND.P2", name,
                       "Fixed broadband subscriptions refers to fixed subscriptions to high-speed access to the public Internet (a TCP/IP connection), at downstream speeds equal to, or greater than, 256 kbit/s.",
                       "International Telecommunication Union (ITU) World Telecommunication/ICT Indicators Database"]):
    ind.write(1, c, v)
book.save(sys.argv[1])
