"""The demo site's English content, drawn from the organisation's current pages.

Georgian comes from `ka.po` beside this file, keyed by these English strings, and reaches the
site through wagtail-localize (see `loader.py`), exactly as a translator's work would.

Rich text may link to another demo page with `{page:<slug>}` as the href; the loader turns it
into a Wagtail page link.
"""

import datetime

HOME = {
    "title": "IOM Georgia",
    "slug": "home",
    "hero_title": "Humane and orderly migration for the benefit of all",
    "intro": (
        "The International Organization for Migration (IOM) is part of the United Nations "
        "System. IOM has had a presence in Georgia since 1993."
    ),
}

HOME_FACTS = {
    "heading": "IOM in numbers",
    "facts": [
        ("175", "member states"),
        ("100+", "countries with an IOM presence"),
        ("1951", "year IOM was founded"),
        ("1993", "year IOM came to Georgia"),
    ],
}

HOME_LATEST_NEWS_HEADING = "Latest news"
HOME_FEATURED_HEADING = "What we do"

HOME_CALL_TO_ACTION = {
    "title": "Take action",
    "text": "Find out how you can support migrants, returnees and host communities in Georgia.",
    "button_label": "Get involved",
    "page": "take-action",
}

# The mission-page tree. Each entry: title, slug, intro, optional hero_image, body (list of
# (block type, value)), children. Every mission page has "show_in_menus": the site's main menu
# shows the top level, the API's navigation the whole tree.
MISSION_PAGES = [
    {
        "title": "Who We Are",
        "slug": "who-we-are",
        "hero_image": {
            "title": "Who We Are banner",
            "seed": 3,
            "alt": "Abstract illustration: white circles of many sizes on a deep blue field",
        },
        "intro": (
            "The International Organization for Migration (IOM) is part of the United Nations "
            "System as the leading inter-governmental organization promoting humane and orderly "
            "migration for the benefit of all."
        ),
        "body": [
            ("paragraph", "<p>IOM has had a presence in Georgia since 1993.</p>"),
            (
                "paragraph",
                '<p>Read more <a href="{page:about}">about IOM in Georgia</a> and about '
                '<a href="{page:iom-global}">IOM around the world</a>.</p>',
            ),
        ],
        "children": [
            {
                "title": "About",
                "slug": "about",
                "intro": "IOM has had a presence in Georgia since 1993.",
                "body": [
                    (
                        "paragraph",
                        "<p>Across Georgia, IOM provides a comprehensive response to the "
                        "humanitarian needs of migrants, internally displaced persons, returnees "
                        "and host communities.</p>",
                    ),
                    (
                        "paragraph",
                        "<p>IOM supports the Georgia UN Network on Migration, which coordinates "
                        "the UN collective contribution to migration governance in Georgia by "
                        "facilitating, supporting and complementing the 2021-2030 Migration "
                        "Strategy of Georgia.</p>",
                    ),
                ],
            },
            {
                "title": "IOM Global",
                "slug": "iom-global",
                "intro": (
                    "Since 1951, IOM has promoted humane and orderly migration for the benefit "
                    "of all."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>IOM has 175 member states and a presence in over 100 countries. IOM "
                        "has been active in Europe and Central Asia since 1990.</p>",
                    ),
                    ("facts", "GLOBAL_FACTS"),
                ],
            },
        ],
    },
    {
        "title": "Our Work",
        "slug": "our-work",
        "hero_image": {
            "title": "Our Work banner",
            "seed": 4,
            "alt": "Abstract illustration: white waves crossing a blue sky",
        },
        "intro": (
            "As the leading inter-governmental organization promoting humane and orderly "
            "migration, IOM plays a key role to support the achievement of the 2030 Agenda."
        ),
        "body": [
            (
                "paragraph",
                "<p>IOM works through different areas of intervention that connect both "
                "humanitarian assistance and sustainable development.</p>",
            ),
            (
                "paragraph",
                "<p>Across Georgia, IOM provides a comprehensive response to the humanitarian "
                "needs of migrants, internally displaced persons, returnees and host "
                "communities.</p>",
            ),
        ],
        "children": [
            {
                "title": "Data and Resources",
                "slug": "data-and-resources",
                "intro": (
                    "Evidence-based policies and programming leverage the development potential "
                    "of migration."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>IOM's reports, such as the report of the conference on emigration and "
                        "diaspora engagement, are presented at the Global Forum on Migration and "
                        "Development.</p>",
                    ),
                ],
            },
            {
                "title": "Take Action",
                "slug": "take-action",
                "intro": (
                    "IOM works with civil society organizations, diaspora professionals and "
                    "the private sector."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Civil society organizations can engage in the implementation of the "
                        "Global Compact for Safe, Orderly and Regular Migration and in the "
                        "activities of the Georgia UN Network on Migration.</p>",
                    ),
                ],
            },
            {
                "title": "2030 Agenda",
                "slug": "2030-agenda",
                "intro": ("IOM plays a key role to support the achievement of the 2030 Agenda."),
                "body": [
                    (
                        "paragraph",
                        "<p>IOM's areas of intervention connect both humanitarian assistance and "
                        "sustainable development.</p>",
                    ),
                ],
            },
            {
                "title": "Where We Work",
                "slug": "where-we-work",
                "intro": (
                    "IOM has a presence in over 100 countries and has been active in Europe and "
                    "Central Asia since 1990."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>The Black Sea region has long been a fulcrum of migration in the "
                        "Southern Caucasus and further afield.</p>",
                    ),
                ],
            },
        ],
    },
]

GLOBAL_FACTS = {
    "heading": "IOM worldwide",
    "facts": [
        ("175", "member states"),
        ("100+", "countries with an IOM presence"),
        ("1951", "year IOM was founded"),
    ],
}

NEWS_INDEX = {
    "title": "News",
    "slug": "news",
    "intro": "News and press releases from IOM Georgia.",
}

TOPICS = [
    ("migration-governance", "Migration governance"),
    ("civil-society", "Civil society"),
    ("diaspora", "Diaspora"),
    ("covid-19", "COVID-19"),
]

ARTICLES = [
    {
        "title": (
            "Under the Auspices of the UN Network on Migration, UN Engages Georgian Civil "
            "Society Organizations in Discussion on the Global Compact for Migration"
        ),
        "slug": "un-engages-georgian-civil-society-on-global-compact-for-migration",
        "date": datetime.date(2021, 3, 16),
        "dateline": "Tbilisi",
        "topics": ["migration-governance", "civil-society"],
        "image": {
            "title": "GCM workshop illustration",
            "seed": 1,
            "alt": "Abstract illustration: overlapping blue and white circles",
            "caption": "The workshop brought together UN agencies, government and civil society.",
        },
        "summary": (
            "On March 16, UN Agencies together with the Georgian government representatives "
            "held an online workshop on the engagement of Georgian civil society organizations "
            "in the Global Compact for Safe, Orderly and Regular Migration (GCM) process."
        ),
        "body": [
            (
                "paragraph",
                "<p>On March 16, UN Agencies together with the Georgian government "
                "representatives held an online workshop titled “United Nations Network on "
                "Migration and Georgian Civil Society Organizations (CSO)’ Engagement on the "
                "Global Compact for Safe, Orderly and Regular Migration (GCM) Process”.</p>",
            ),
            (
                "paragraph",
                "<p>Introductory remarks were delivered by Sabine Machl, UN Resident "
                "Coordinator in Georgia, Sanja Celebic Lukovac, IOM Georgia Chief of Mission, "
                "Nino Shekriladze, Head of the UN Division of the Department of International "
                "Organizations, Ministry of Foreign Affairs of Georgia and George Jashi, "
                "Executive Secretary of the Secretariat of the Georgian State Commission for "
                "Migration Issues.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "In recent decades, Georgia has often been experiencing multiple and "
                        "simultaneous migration-related challenges and opportunities. Being the "
                        "country of origin of thousands of migrants working and living abroad, "
                        "with many families relying on remittances, Georgia is now also a "
                        "country of transit, and a country of hope and safe haven for a growing "
                        "number of foreign nationals."
                    ),
                    "attribution": "Sabine Machl",
                    "role": "UN Resident Coordinator in Georgia",
                },
            ),
            ("image", None),
            (
                "paragraph",
                "<p>After the opening remarks, the UN Network on Migration Secretariat "
                "representatives, Ms. Monami Maulik, Civil Society Liaison Officer, and Mr. "
                "Abdel Diop, Policy Officer, spoke to the participants about the structure of "
                "the network, regional review process, whole-of-society approach, and "
                "stakeholder engagement. The Champion Countries Initiative, aimed at showcasing "
                "the best practices in GCM implementation and building awareness around GCM and "
                "the Networks at regional and country levels, was also presented.</p>",
            ),
            (
                "paragraph",
                "<p>After the presentations, the participant civil society organizations had a "
                "chance to engage in a discussion and receive clarifications.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "The year 2021 will be the year of the Network operationalization: its "
                        "ambitious 2021 plan includes a series of GCM-related events and "
                        "initiatives."
                    ),
                    "attribution": "Sanja Celebic Lukovac",
                    "role": "IOM Georgia Chief of Mission",
                },
            ),
            (
                "paragraph",
                "<p>IOM expressed readiness to continue the efforts, aimed at active engagement "
                "of CSOs in the GCM implementation and the activities of the Georgia UN Network "
                "on Migration, which is coordinating the UN collective contribution to migration "
                "governance in Georgia by facilitating, supporting and complementing the "
                "2021-2030 Migration Strategy of Georgia based on the provisions of the GCM.</p>",
            ),
        ],
    },
    {
        "title": "IOM Rethinks Diaspora Engagement in “New Normal” Reality",
        "slug": "iom-rethinks-diaspora-engagement-in-new-normal-reality",
        # "This week", with the conference report due "in December": late November 2020.
        "date": datetime.date(2020, 11, 20),
        "dateline": "Tbilisi",
        "topics": ["diaspora", "migration-governance", "covid-19"],
        "image": {
            "title": "Diaspora conference illustration",
            "seed": 2,
            "alt": "Abstract illustration: blue waves meeting a white horizon",
            "caption": "The two-day conference was held online.",
        },
        "summary": (
            "The global COVID-19 pandemic continues to reshape global migration, and how "
            "communities interact across tightened borders."
        ),
        "body": [
            (
                "paragraph",
                "<p>This is especially true in the Black Sea region, which has long been a "
                "fulcrum of migration in the Southern Caucasus and further afield. Fittingly, "
                "the International Organization for Migration (IOM) Georgia hosted a high-level "
                "online conference on Diaspora engagement this week.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "The pandemic keeps pushing us to rethink the way we operate and do "
                        "things. It also keeps offering new opportunities."
                    ),
                    "attribution": "Sanja Celebic-Lukovac",
                    "role": "IOM’s Chief of Mission in Georgia",
                },
            ),
            (
                "quote",
                {
                    "text": (
                        "We – IOM and our partners – are using this particular moment to reflect "
                        "on the new potential for migration management. Most of all, we are "
                        "exploring how diaspora involvement can help us address not just the "
                        "present consequences of this global crisis, but also in shaping our "
                        "‘new normal’ for the years to come."
                    ),
                    "attribution": "Sanja Celebic-Lukovac",
                    "role": "IOM’s Chief of Mission in Georgia",
                },
            ),
            (
                "paragraph",
                "<p>The two-day conference, which IOM hosted alongside the Georgian Foreign "
                "Ministry and the State Commission for Migration, brought together senior "
                "officials from many of the countries bordering the Black Sea, as well as "
                "experts from Western Europe and Canada.</p>",
            ),
            (
                "quote",
                {
                    "text": (
                        "Migration in the South Caucasus and the Black Sea region is a complex "
                        "and dynamic phenomenon."
                    ),
                    "attribution": "Renate Held",
                    "role": "IOM Regional Director, joining by video-link from Vienna",
                },
            ),
            (
                "quote",
                {
                    "text": (
                        "The countries represented at this meeting today face a common set of "
                        "opportunities and challenges regarding migration governance. They "
                        "require evidence-based policies and programming to leverage the "
                        "development potential of migration."
                    ),
                    "attribution": "Renate Held",
                    "role": "IOM Regional Director, joining by video-link from Vienna",
                },
            ),
            ("image", None),
            (
                "quote",
                {
                    "text": (
                        "Now more than ever we need our diaspora professionals to engage in "
                        "social and economic recovery. This is where we need to enhance linkages "
                        "between our diaspora professionals and private sector representatives."
                    ),
                    "attribution": "Vladimer Konstantinidi",
                    "role": "Deputy Minister of Foreign Affairs of Georgia",
                },
            ),
            (
                "paragraph",
                "<p>The conference, entitled “Emigration and Diaspora Engagement to Promote "
                "Private Sector Development”, was funded by the Ministry of Foreign Affairs of "
                "Norway. It highlighted specific examples of diaspora engagement, as well as "
                "structures and networks established to manage migration policies and to "
                "ensure successful diaspora relations.</p>",
            ),
            (
                "paragraph",
                "<p>The conference report will be disseminated in December and presented at the "
                "Global Forum on Migration and Development in early 2021.</p>",
            ),
            (
                "contact",
                {
                    "name": "Joe Lowry",
                    "office": (
                        "IOM's Regional Office for South-Eastern Europe, Eastern Europe and "
                        "Central Asia"
                    ),
                    "phone": "+436603776404",
                    "email": "jlowry@iom.int",
                },
            ),
        ],
    },
]

# Only facts the seed pages give (the office's city, IOM's own global channels) and the
# mission's public address for enquiries.
FOOTER = {
    "organisation": "International Organization for Migration (IOM) Georgia",
    "address": "Tbilisi, Georgia",
    "phone": "",
    "email": "iomtbilisi@iom.int",
    "facebook_url": "https://www.facebook.com/IOM",
    "x_url": "https://x.com/UNmigration",
    "youtube_url": "https://www.youtube.com/@IOM",
}
