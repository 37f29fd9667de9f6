"""demo-tiny: a small hand-made scenario for tests and screenshots.
"""
from collections import OrderedDict

from scenario_model import DC_COLS, PP_COLS, SC_COLS, Scenario, circle, lifecycle_from


def build_demo():
    sc = Scenario("demo-tiny")
    sc.title = "Demo: tiny scenario"
    sc.description = ("A small hand-made scenario with round numbers for tests and screenshots. All entities are "
                      "fictional; places are real only so that the points fall inside the right states.")

    def dc(i, name, op, lat, lon, cap, dates=None, status="", state=""):
        row = OrderedDict((k, "") for k in DC_COLS)
        row.update(id=i, name=name, operator=op, lat=lat, lon=lon, capacity_mw=cap, status=status,
                   location_precision="approximate", state=state)
        row.update(lifecycle_from(dates or {}))
        return row

    sc.datacenters = [
        dc("demo-dc-a", "Demo Campus A", "Demo Cloud", "31.50", "-97.50", "1000",
           {"announced": "2024", "construction": "2024-06", "online": "2025"}, state="TX"),
        dc("demo-dc-b", "Demo Campus B", "Demo Cloud", "32.00", "-100.00", "500",
           {"announced": "2025", "construction": "2026", "online": "2027"}, state="TX"),
        dc("demo-dc-c", "Demo Campus C", "Demo Hosting", "39.00", "-77.50", "300", status="operating", state="VA"),
        dc("demo-dc-d", "Demo Campus D", "Demo Labs", "40.00", "-82.80", "",
           {"announced": "2026"}, state="OH"),
    ]

    def pp(i, name, fuel, lat, lon, cap, dates=None, status="", serves="", state=""):
        row = OrderedDict((k, "") for k in PP_COLS)
        row.update(id=i, name=name, owner="Demo Power", fuel=fuel, lat=lat, lon=lon, capacity_mw=cap,
                   status=status, serves=serves, location_precision="approximate", state=state)
        row.update(lifecycle_from(dates or {}))
        return row

    sc.plants = [
        pp("demo-pp-gas", "Demo Gas Plant", "gas", "31.60", "-97.40", "600",
           {"announced": "2024", "construction": "2024-09", "online": "2026"}, serves="demo-dc-a", state="TX"),
        pp("demo-pp-nuclear", "Demo Nuclear Station", "nuclear", "38.50", "-77.80", "1000", status="operating",
           serves="demo-dc-c", state="VA"),
        pp("demo-pp-solar", "Demo Solar Farm", "solar", "31.80", "-102.00", "400",
           {"announced": "2025", "construction": "2025-06", "online": "2027"}, serves="demo-dc-b", state="TX"),
    ]

    def line(i, name, kv, cur_, cap, coords, dates):
        l = OrderedDict()
        l.update(id=i, name=name, kv=kv, kv_note="", capacity_mw=cap, current=cur_)
        l.update(lifecycle_from(dates))
        l.update(status="", source="", note="", dates_basis="", location_precision="approximate", coords=coords)
        l["from"] = ""
        l["to"] = ""
        return l

    sc.lines = [
        line("demo-tx-ac", "Demo 345 kV line", "345", "AC", "1000", [[-102.0, 31.8], [-100.0, 32.0]],
             {"announced": "2025", "construction": "2025-09", "online": "2027"}),
        line("demo-tx-hvdc", "Demo HVDC link", "525", "HVDC", "2000", [[-100.0, 32.0], [-97.5, 31.5]],
             {"announced": "2025", "construction": "2027", "online": "2030"}),
    ]
    row = OrderedDict((k, "") for k in SC_COLS)
    row.update(id="demo-sc-1", name="Demo Supercluster", members="demo-dc-a;demo-dc-b", compute="200000",
               announced="2025", online="2025", compute_unit="H100-equivalents")
    sc.clusters = [row]
    z = OrderedDict()
    z.update(id="demo-zone-1", name="Demo Zone", designated="2026", kind="aez-state", source="",
             note="Fictional zone.", geometry_note="circle, 100 km across")
    z["ring"] = circle(31.75, -98.75, 100, 32)
    sc.zones = [z]

    def s(i, d, m, v):
        return OrderedDict([("id", i), ("date", d), ("metric", m), ("value", v), ("source", ""), ("note", "")])

    sc.series = [
        s("demo-dc-a", "2025", "capacity_mw", "500"), s("demo-dc-a", "2026", "capacity_mw", "1000"),
        s("demo-sc-1", "2025", "h100e", "100000"), s("demo-sc-1", "2027", "h100e", "200000"),
        s("US", "2024", "dc_electricity_twh", "200"), s("US", "2030", "dc_electricity_twh", "400"),
        s("TX", "2024", "dc_electricity_twh", "40"), s("TX", "2030", "dc_electricity_twh", "100"),
    ]
    sc.metrics = OrderedDict([
        ("capacity_mw", OrderedDict([("unit", "MW"), ("interpolation", "step")])),
        ("h100e", OrderedDict([("unit", "H100-equivalents"), ("interpolation", "linear")])),
        ("dc_electricity_twh", OrderedDict([("unit", "TWh"), ("interpolation", "linear")])),
    ])
    sc.events = [
        OrderedDict([("date", "2025"), ("title", "Campus A online"), ("text", "The first demo campus starts with 500 MW."),
                     ("focus", ["demo-dc-a"]),
                     # Speaker notes: shown only in the presenter view (F6), never drawn or exported.
                     ("notes", [
                         "Start with the scale: 500 MW is roughly the demand of a city of 400,000 people, drawn by one campus.",
                         "Point at the column: its height is capacity, its colour the operator. Outlines are announced, translucent is under construction.",
                         "Pause here for questions about where the power comes from before moving on to the transmission line.",
                     ])]),
        OrderedDict([("date", "2030"), ("title", "HVDC link in service"), ("text", "The demo HVDC link joins west and central Texas."),
                     ("focus", ["demo-tx-hvdc", "TX"]),
                     ("notes", "The pink line is HVDC. Stress that it is the link, not the plants, that sets the pace: "
                               "without it the western wind cannot reach the campuses in central Texas.")]),
    ]
    sc.not_mapped = []
    return sc
