"""Curated place, agency and job-title lists for the synthetic data generator.

Towns and streets are invented, and every postcode uses the non-geographic `ZZ99`
outward code, so no generated address is real. Telephone numbers come from the ranges
Ofcom reserves for drama (01632 960xxx and 07700 900xxx) and e-mail addresses use the
reserved `.example` domain.
"""

from __future__ import annotations

# Letters used in the inward part of UK postcodes (never C, I, K, M, O or V).
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODE_OUTWARD = "ZZ99"

# --------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------

# fmt: off
# Fixed boards of the demo data set: (slug, name stem, reference prefix, regime, towns).
DEMO_BOARDS = (
    ("eastbrook", "Eastbrook", "ESCB", "rotherham_wt2006",
     ("Eastbrook", "Millford", "Hollowmere", "Kestrel Green")),
    ("westmoor", "Westmoor", "WSCB", "wt2010",
     ("Westmoor", "Fennick", "Stanmoor Bridge", "Lowther End")),
)

# Invented place names are made of these parts (national scale needs 150 boards).
PLACE_PREFIXES = (
    "Alder", "Amber", "Ash", "Bram", "Bryn", "Calder", "Cold", "Crane", "Dun", "Elder",
    "Ember", "Fallow", "Fern", "Glen", "Hazel", "Heron", "Holly", "Kestrel", "Lark",
    "Linnet", "Marl", "Merrow", "Oak", "Otter", "Pen", "Plover", "Raven", "Rook", "Rush",
    "Sedge", "Sorrel", "Swan", "Tarn", "Teal", "Thorn", "Wen", "Willow", "Wren", "Yarrow",
)
PLACE_SUFFIXES = (
    "brook", "moor", "wick", "dale", "field", "ford", "stead", "combe", "mere", "worth",
    "bridge", "holme", "thorpe", "hurst", "bury", "ley", "den", "well",
)
# Combinations that are, or sound too much like, real English places: never used.
REAL_PLACES = frozenset(
    {
        "Ashford", "Ashley", "Ashbury", "Ashwell", "Ashbridge", "Ashdale", "Ashfield",
        "Ashcombe", "Ashstead", "Ashthorpe", "Ashhurst", "Ashden",
        "Oakley", "Oakworth", "Oakfield", "Oakdale", "Oakbury", "Oakmere", "Oakwell",
        "Oakhurst", "Oakden",
        "Thornbury", "Thornley", "Thornfield", "Thorndale", "Thornwell", "Thornhurst",
        "Hazelwell", "Hazelmere", "Hazelhurst", "Hazeldale", "Hazelbury",
        "Hollyfield", "Hollybrook", "Hollywell", "Hollydale", "Hollyhurst",
        "Wenbury", "Penworth", "Pendale", "Pendle", "Penley", "Penbury", "Penwell",
        "Bramley", "Bramhurst", "Bramford", "Bramwell", "Bramdean", "Bramfield",
        "Bramthorpe", "Bramcombe", "Bramholme",
        "Dunstead", "Dunford", "Dunley", "Dunwell", "Dunmere", "Dunbridge", "Dunholme",
        "Dunthorpe", "Dunwick",
        "Coldwell", "Coldfield", "Coldbury", "Coldstead", "Coldmoor",
        "Glenfield", "Glendale", "Glenbury",
        "Rushbury", "Rushden", "Rushmere", "Rushwick", "Rushford", "Rushley", "Rushmoor",
        "Swanbridge", "Swanley", "Swanmore", "Swanwick", "Swanbury",
        "Elderfield", "Fernhurst", "Ferndale", "Fernley", "Alderley", "Alderbury",
        "Alderholme", "Crane", "Larkfield", "Ravensthorpe", "Ravenfield", "Rookley",
        "Sedgefield", "Sedgley", "Sedgeford", "Tarnbrook", "Willowfield", "Wenden",
        "Marlbridge", "Marlbury", "Marlford", "Marley", "Calderbrook", "Calderdale",
        "Merrowdale", "Tealby", "Amberley", "Otterburn", "Otterbury", "Ottery",
        "Otterford", "Otterbridge", "Otterhurst", "Yarrowford", "Emberley", "Brynford",
        "Fallowfield", "Heronsbridge", "Kestrelfield", "Linnetbury", "Ravenbury",
        "Tarnwell", "Swanmere", "Glenholme", "Plovermere", "Wenwick",
    }
)
DEMO_PLACES = frozenset({"Eastbrook", "Westmoor", "Millford", "Hollowmere", "Fennick"})

AREA_FORMS = ("Borough of {}", "City of {}", "County of {}", "{} Metropolitan Borough")

# Fictional regions used for strategic health authorities and ambulance services.
REGIONS = (
    "Northern Fells", "Southern Downs", "Midland Vales", "Eastern Marshes",
    "Western Shires", "Central Weald", "Coastal Reaches", "Pennine Edge",
)

STREET_STEMS = (
    "Albion", "Beech", "Birch", "Chapel", "Church", "Clover", "Coronation", "Cromwell",
    "Dovecote", "Elm", "Foundry", "Gladstone", "Granary", "Hawthorn", "Larch", "Lime",
    "Maple", "Meadow", "Mill", "Nelson", "Orchard", "Park", "Poplar", "Primrose", "Quarry",
    "Railway", "Rowan", "School", "Spinney", "Station", "Sycamore", "Tannery", "Victoria",
    "Weaver", "Wharf", "Windmill", "Chestnut", "Cedar", "Bluebell", "Juniper",
)
STREET_TYPES = (
    "Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Way", "Gardens", "Terrace",
    "Drive", "Court", "Grove", "Walk", "Place",
)
FLAT_FORMS = ("Flat {n}, {house} House", "Flat {n}, {house} Court")
HOUSE_NAMES = ("Albion", "Beacon", "Cavendish", "Dalton", "Fairfax", "Kingfisher", "Linden")

SCHOOL_PATRONS = ("St Aidan's", "St Bede's", "St Hilda's", "St Cuthbert's", "St Oswald's")
CHILDREN_HOME_NAMES = ("Beacon House", "The Willows", "Harbour View", "Orchard Lodge")

# --------------------------------------------------------------------------------------
# Professionals
# --------------------------------------------------------------------------------------

# Referrers' roles by agency kind.
REFERRER_ROLES = {
    "police": (
        "Detective Sergeant, Public Protection Unit",
        "Detective Inspector, Child Abuse Investigation Team",
        "Police Constable, Response Team",
    ),
    "childrens_social_care": (
        "Team Manager, Assessment and Intervention Team",
        "Social Worker, Children in Care Team",
        "Service Manager, Safeguarding",
    ),
    "health_provider": (
        "Named Nurse for Safeguarding Children",
        "Consultant Paediatrician",
        "Named Doctor for Safeguarding Children",
    ),
    "primary_care_trust": (
        "Designated Nurse for Safeguarding Children",
        "Designated Doctor for Safeguarding Children",
        "General Practitioner",
    ),
    "strategic_health_authority": ("Safeguarding Lead",),
    "education": ("Designated Safeguarding Lead", "Head Teacher", "Education Welfare Officer"),
    "probation": ("Senior Probation Officer", "Offender Manager"),
    "housing": ("Tenancy Sustainment Officer", "Housing Options Manager"),
    "voluntary": (
        "Family Support Worker", "Project Manager", "Independent Domestic Violence Adviser",
    ),
    "other": ("Youth Offending Team Manager", "Paramedic Team Leader"),
}

# Agency names by kind ({area} is the board's place name, {region} its region).
AGENCY_NAMES = {
    "police": "{area} Police",
    "childrens_social_care": "{area} Children's Social Care",
    "health_provider": "{area} Hospitals NHS Trust",
    "primary_care_trust": "{area} Primary Care Trust",
    "strategic_health_authority": "{region} Strategic Health Authority",
    "education": "{area} Education and Early Years Service",
    "probation": "{area} Probation Trust",
    "housing": "{area} Homes",
    "voluntary": "{area} Family Support Network",
    "other": "{area} Youth Offending Service",
}
# Extra agencies for the demo and board data sets, so lists look like a real board's.
EXTRA_AGENCIES = (
    ("health_provider", "{area} Community Health Services NHS Trust"),
    ("health_provider", "{area} Mental Health NHS Foundation Trust"),
    ("voluntary", "{area} Women's Aid"),
    ("voluntary", "{area} Somali Community Association"),
    ("other", "{region} Ambulance Service NHS Trust"),
)
# Short forms used in e-mail domains.
AGENCY_DOMAINS = {
    "police": "police",
    "childrens_social_care": "council",
    "health_provider": "nhs",
    "primary_care_trust": "pct-nhs",
    "strategic_health_authority": "sha-nhs",
    "education": "schools",
    "probation": "probation",
    "housing": "homes",
    "voluntary": "org",
    "other": "yos",
}

# Job titles of generated staff by membership role.
JOB_TITLES = {
    "board_manager": ("Board Business Manager",),
    "board_chair": ("Independent Chair of the Board",),
    "panel_chair": ("Independent Review Panel Chair",),
    "panel_member": (
        "Head of Safeguarding",
        "Designated Nurse for Safeguarding Children",
        "Detective Chief Inspector, Public Protection",
        "Head of Inclusion",
        "Assistant Director, Children's Services",
    ),
    "agency_author": (
        "Named Nurse for Safeguarding Children",
        "Detective Inspector, Review Team",
        "Safeguarding Practice Lead",
        "Senior Manager, Quality Assurance",
    ),
    "independent_author": ("Independent Overview Author",),
    "independent_expert": (
        "Independent Adviser on Race and Culture",
        "Independent Adviser on Disability",
    ),
    "national_analyst": ("Senior Research Analyst, National Analysis Team",),
    "auditor": ("Information Governance Auditor",),
    "administrator": ("Systems Administrator",),
}
# fmt: on
