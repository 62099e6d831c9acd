#!/usr/bin/env python3
"""Generate Sources/DivideData/Countries/CountryTable.generated.swift, the compiled-in country registry.

Regenerate (from the repository root):  python3 scripts/generate-countries.py

Inputs (all under Data/):
  reference/all.csv                   ISO 3166-1 names and codes, UN M49 regions (lukes/ISO-3166-Countries-with-Regional-Codes)
  reference/extra_economies.csv       economies outside ISO 3166-1 that publishers report (Kosovo)
  reference/escap_members_compiled.csv ESCAP membership and subregions (checked: see reference/README.md)
  reference/un_names.csv              UN M49 short names where they differ from ISO 3166's (outside the ESCAP list)
  reference/country_aliases.csv       publisher spellings and publisher-specific codes, per ISO3
  reference/country_groups.csv        the country groups ESCAP reports on (LDC, LLDC, SIDS, ASEAN, …), source and date
  reference/country_group_members.csv their members (group, ISO3)
  reference/aggregates_extra.csv      non-economies that are not regions (composites, former, parts of economies)
  worldbank/Metadata_Country_*.csv    World Bank aggregates = rows with an empty Region (code + TableName)
  worldbank/API_*.csv                 further World Bank aggregate names (the "Country Name" of aggregate codes)
  owid/**/*.csv                       OWID aggregates = entities with an empty Code or an OWID_* code,
                                      unless country_aliases.csv maps that name or code to an economy

The script fails (exit 1) on any inconsistency: an alias for an unknown ISO3, an aggregate code that is also an
economy code, an ESCAP row whose ISO3 is not in all.csv.
"""
import csv, glob, io, os, re, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Data")
OUT = os.path.join(ROOT, "Sources", "DivideData", "Countries", "CountryTable.generated.swift")


def fold(s):
    """Same folding as NameFolding.swift: NFKD, drop combining marks, lower case, & -> and,
    apostrophes removed, any other non-alphanumeric run -> one space, trimmed."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"['\u2019\u2018`]", "", s)
    return re.sub(r"[\W_]+", " ", s).strip()


def read_csv(path, skip_to=None):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    if skip_to:
        i = text.find(skip_to)
        text = text[i:] if i >= 0 else ""
    return list(csv.DictReader(io.StringIO(text)))


def die(msg):
    print("generate-countries: " + msg, file=sys.stderr)
    sys.exit(1)


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


SUBREGIONS = {
    "East and North-East Asia": ".eastAndNorthEastAsia",
    "South-East Asia": ".southEastAsia",
    "South and South-West Asia": ".southAndSouthWestAsia",
    "North and Central Asia": ".northAndCentralAsia",
    "Pacific": ".pacific",
}


def main():
    rel = lambda p: os.path.relpath(p, ROOT)
    countries = {}
    for r in read_csv(os.path.join(DATA, "reference", "all.csv")):
        countries[r["alpha-3"]] = dict(
            iso3=r["alpha-3"], iso2=r["alpha-2"], m49=int(r["country-code"]), name=r["name"], aliases=[],
            membership="nil", subregion="nil",
            region=(int(r["region-code"]), r["region"]) if r["region-code"] else None,
            subreg=(int(r["sub-region-code"]), r["sub-region"]) if r["sub-region-code"] else None,
            inter=(int(r["intermediate-region-code"]), r["intermediate-region"]) if r["intermediate-region-code"] else None,
        )
    for r in read_csv(os.path.join(DATA, "reference", "extra_economies.csv")):
        countries[r["iso3"]] = dict(iso3=r["iso3"], iso2=r["iso2"], m49=None, name=r["name"], aliases=[],
                                    membership="nil", subregion="nil", region=None, subreg=None, inter=None)

    escap = read_csv(os.path.join(DATA, "reference", "escap_members_compiled.csv"))
    for r in escap:
        c = countries.get(r["iso3"]) or die("ESCAP row for unknown ISO3 " + r["iso3"])
        sub = r["escap_subregion"]
        if r["membership"] == "associate member":
            c["membership"] = ".associateMember"
        elif r["membership"] == "member" and sub == "non-regional member":
            c["membership"] = ".nonRegionalMember"
        elif r["membership"] == "member":
            c["membership"] = ".member"
        else:
            die("unknown ESCAP membership %r" % r["membership"])
        if sub != "non-regional member":
            c["subregion"] = SUBREGIONS.get(sub) or die("unknown ESCAP subregion %r" % sub)
        # The display name is ESCAP's (the UN short name ESCAP publishes: "Republic of Korea", "Hong Kong, China");
        # the ISO 3166 name stays accepted as an alias.
        if r["escap_name"] != c["name"]:
            if fold(r["escap_name"]) != fold(c["name"]):
                c["aliases"].append(c["name"])
            c["name"] = r["escap_name"]

    # Outside the ESCAP list: the UN M49 short name where it differs from ISO 3166's ("Republic of Moldova" for
    # "Moldova, Republic of"); the ISO name stays an alias.
    for r in read_csv(os.path.join(DATA, "reference", "un_names.csv")):
        c = countries.get(r["iso3"]) or die("UN name for unknown ISO3 " + r["iso3"])
        if r["iso3"] in {e["iso3"] for e in escap}:
            die("UN name for ESCAP economy %s: ESCAP's list names it" % r["iso3"])
        if r["un_name"] != c["name"]:
            if fold(r["un_name"]) != fold(c["name"]):
                c["aliases"].append(c["name"])
            c["name"] = r["un_name"]

    for r in read_csv(os.path.join(DATA, "reference", "country_aliases.csv")):
        c = countries.get(r["iso3"]) or die("alias for unknown ISO3 " + r["iso3"])
        if fold(r["alias"]) != fold(c["name"]) and r["alias"] not in c["aliases"]:
            c["aliases"].append(r["alias"])

    economy_keys = {}
    for c in countries.values():
        for k in [c["name"], c["iso3"]] + c["aliases"]:
            economy_keys[fold(k)] = c["iso3"]

    # Aggregates, merged by folded display name: name -> {"codes": [...], "aliases": [...], "m49": int|None}
    aggs = {}
    agg_index = {}  # folded name or alias -> key in aggs

    def add_agg(name, codes=(), aliases=(), m49=None):
        name = name.strip()
        if fold(name) in economy_keys:
            # The name belongs to an economy (M49 sub-region "Micronesia" vs ITU's name for FSM): the economy keeps
            # the name; an M49 area stays reachable by its code under a qualified name.
            if m49 is None:
                return
            name = name + " (M49 region)"
        for k in list(codes):
            if fold(k) in economy_keys:
                die("aggregate code %r of %r is also an economy key" % (k, name))
        # Merge with an existing aggregate known under this name or one of the aliases (e.g. OWID's code-less
        # "Middle East & North Africa" and the World Bank's MEA, whose older TableName it is).
        key = next((agg_index[fold(n)] for n in [name] + list(aliases) if fold(n) in agg_index), fold(name))
        a = aggs.setdefault(key, dict(name=name, codes=[], aliases=[], m49=None))
        agg_index[fold(name)] = key
        for k in codes:
            if k and k not in a["codes"]:
                a["codes"].append(k)
        for al in aliases:
            al = al.strip()
            if al and fold(al) != fold(a["name"]) and al not in a["aliases"] and fold(al) not in economy_keys:
                a["aliases"].append(al)
            agg_index[fold(al)] = key
        if fold(name) != fold(a["name"]) and name not in a["aliases"]:
            a["aliases"].append(name)
        if m49 is not None:
            a["m49"] = m49

    # UN M49 regions, sub-regions, intermediate regions (from all.csv) and the World.
    add_agg("World", m49=1)
    for c in countries.values():
        for area in (c["region"], c["subreg"], c["inter"]):
            if area:
                add_agg(area[1], m49=area[0])

    # World Bank aggregates: empty Region in Metadata_Country files; names also from the API files.
    wb_agg = {}
    for path in sorted(glob.glob(os.path.join(DATA, "worldbank", "Metadata_Country_*.csv"))):
        for r in read_csv(path):
            if r["Region"].strip() == "":
                wb_agg.setdefault(r["Country Code"], []).append(r["TableName"])
    for path in sorted(glob.glob(os.path.join(DATA, "worldbank", "API_*.csv"))):
        for r in read_csv(path, skip_to='"Country Name"'):
            if r["Country Code"] in wb_agg:
                wb_agg[r["Country Code"]].append(r["Country Name"])
    for code in sorted(wb_agg):
        names = wb_agg[code]
        add_agg(names[0], codes=[code], aliases=names[1:])

    # OWID aggregates: empty Code or OWID_* code, unless the alias list maps the entity or code to an economy.
    for path in sorted(glob.glob(os.path.join(DATA, "owid", "**", "*.csv"), recursive=True)):
        for r in read_csv(path):
            ent, code = r["Entity"], r["Code"]
            if fold(ent) in economy_keys or (code and fold(code) in economy_keys):
                continue
            if code == "":
                add_agg(ent)
            elif code.startswith("OWID_"):
                add_agg(ent, codes=[code])

    for r in read_csv(os.path.join(DATA, "reference", "aggregates_extra.csv")):
        add_agg(r["name"], codes=[c for c in r["codes"].split(";") if c],
                aliases=[a for a in r["aliases"].split(";") if a])

    def area(a):
        return "nil" if a is None else "M49Area(code: %d, name: %s)" % (a[0], swift_str(a[1]))

    lines = [
        "// GENERATED by scripts/generate-countries.py, DO NOT EDIT.",
        "// Regenerate from the repository root: python3 scripts/generate-countries.py",
        "// Inputs: " + ", ".join([
            "Data/reference/all.csv", "Data/reference/extra_economies.csv",
            "Data/reference/escap_members_compiled.csv", "Data/reference/un_names.csv",
            "Data/reference/country_aliases.csv", "Data/reference/country_groups.csv",
            "Data/reference/country_group_members.csv",
            "Data/reference/aggregates_extra.csv", "Data/worldbank/Metadata_Country_*.csv",
            "Data/worldbank/API_*.csv", "Data/owid/**/*.csv"]) + ".",
        "",
        "extension CountryTable {",
        "    /// Every economy: ISO 3166-1 (%d) plus the extra economies of Data/reference/extra_economies.csv."
        % sum(1 for c in countries.values() if c["m49"] is not None),
        "    static let countries: [Country] = [",
    ]
    for iso3 in sorted(countries):
        c = countries[iso3]
        lines.append(
            "        Country(iso3: %s, iso2: %s, m49: %s, name: %s, aliases: [%s], escapMembership: %s, "
            "escapSubregion: %s, unRegion: %s, unSubregion: %s, unIntermediateRegion: %s),"
            % (swift_str(c["iso3"]), swift_str(c["iso2"]), "nil" if c["m49"] is None else str(c["m49"]),
               swift_str(c["name"]), ", ".join(swift_str(a) for a in c["aliases"]), c["membership"],
               c["subregion"], area(c["region"]), area(c["subreg"]), area(c["inter"])))
    lines += ["    ]", "", "    /// Aggregates and other non-economies, recognised and set aside.",
              "    static let aggregates: [AggregateEntry] = ["]
    for key in sorted(aggs, key=lambda k: aggs[k]["name"]):
        a = aggs[key]
        lines.append("        AggregateEntry(name: %s, codes: [%s], aliases: [%s], m49: %s),"
                     % (swift_str(a["name"]), ", ".join(swift_str(c) for c in a["codes"]),
                        ", ".join(swift_str(x) for x in a["aliases"]), "nil" if a["m49"] is None else a["m49"]))
    lines += ["    ]", ""]

    # Country groups ESCAP reports on (LDC, LLDC, SIDS, ASEAN, SAARC, ECO, PIF): one row per list with its
    # source and date, one row per member.
    members = {}
    for r in read_csv(os.path.join(DATA, "reference", "country_group_members.csv")):
        if r["member"] not in countries:
            die("group %s: unknown ISO3 %r" % (r["group"], r["member"]))
        members.setdefault(r["group"], []).append(r["member"])
    lines += ["    /// The country groups of Data/reference/country_groups.csv, members from country_group_members.csv.",
              "    static let groupLists: [CountryGroupList] = ["]
    for r in read_csv(os.path.join(DATA, "reference", "country_groups.csv")):
        m = members.pop(r["group"], None) or die("group %s has no members" % r["group"])
        if len(set(m)) != len(m):
            die("group %s lists a member twice" % r["group"])
        lines.append("        CountryGroupList(code: %s, name: %s, members: [%s], source: %s, asOf: %s),"
                     % (swift_str(r["group"]), swift_str(r["name"]), ", ".join(swift_str(x) for x in sorted(m)),
                        swift_str(r["source"]), swift_str(r["as_of"])))
    if members:
        die("members of unlisted groups: " + ", ".join(sorted(members)))
    lines += ["    ]", "}", ""]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d economies, %d aggregates" % (rel(OUT), len(countries), len(aggs)))


if __name__ == "__main__":
    main()
