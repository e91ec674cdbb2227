"""Word lists the extractors share: countries, demonyms, titles, junk.

These are data, not logic: extending a rule usually means adding a word here. Keys are
lower case; values are the canonical display forms.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, as a set."""
    return frozenset(text.split())


_COUNTRY_NAMES = """
Afghanistan, Albania, Algeria, Andorra, Angola, Antigua and Barbuda, Argentina, Armenia,
Australia, Austria, Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium,
Belize, Benin, Bhutan, Bolivia, Bosnia and Herzegovina, Botswana, Brazil, Brunei, Bulgaria,
Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Cape Verde, Central African Republic, Chad,
Chile, China, Colombia, Comoros, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Denmark,
Djibouti, Dominica, Dominican Republic, Democratic Republic of the Congo, Republic of the Congo,
East Timor, Ecuador, Egypt, El Salvador, Equatorial Guinea, Eritrea, Estonia, Eswatini,
Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Grenada,
Guatemala, Guinea, Guinea-Bissau, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia,
Iran, Iraq, Ireland, Israel, Italy, Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya,
Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon, Lesotho, Liberia, Libya,
Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia, Maldives, Mali, Malta,
Marshall Islands, Mauritania, Mauritius, Mexico, Micronesia, Moldova, Monaco, Mongolia,
Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nauru, Nepal, Netherlands, New Zealand,
Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman, Pakistan, Palau,
Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar,
Romania, Russia, Rwanda, Saint Kitts and Nevis, Saint Lucia, Saint Vincent and the Grenadines,
Samoa, San Marino, Sao Tome and Principe, Saudi Arabia, Senegal, Serbia, Seychelles,
Sierra Leone, Singapore, Slovakia, Slovenia, Solomon Islands, Somalia, South Africa,
South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria,
Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Trinidad and Tobago, Tunisia, Turkey,
Turkmenistan, Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States,
Uruguay, Uzbekistan, Vanuatu, Vatican City, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe,
England, Scotland, Wales, Northern Ireland,
Yugoslavia, Zaire, Czechoslovakia, Soviet Union, East Germany, West Germany
"""

COUNTRIES: frozenset[str] = frozenset(
    name.strip() for name in _COUNTRY_NAMES.replace("\n", " ").split(",") if name.strip()
)

# Other names for a country, as written in news text (keys are lower case, dots kept).
_COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "United States",
    "us": "United States",
    "u.s.a.": "United States",
    "usa": "United States",
    "america": "United States",
    "united states of america": "United States",
    "the states": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "prc": "China",
    "people's republic of china": "China",
    "mainland china": "China",
    "republic of korea": "South Korea",
    "rok": "South Korea",
    "dprk": "North Korea",
    "democratic people's republic of korea": "North Korea",
    "côte d'ivoire": "Ivory Coast",
    "cote d'ivoire": "Ivory Coast",
    "czechia": "Czech Republic",
    "burma": "Myanmar",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "uae": "United Arab Emirates",
    "drc": "Democratic Republic of the Congo",
    "dr congo": "Democratic Republic of the Congo",
    "democratic republic of congo": "Democratic Republic of the Congo",
    "congo": "Republic of the Congo",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "holy see": "Vatican City",
    "the vatican": "Vatican City",
    "vatican": "Vatican City",
    "swaziland": "Eswatini",
    "timor-leste": "East Timor",
    "macedonia": "North Macedonia",
    "cabo verde": "Cape Verde",
    "the philippines": "Philippines",
    "the gambia": "Gambia",
    "the bahamas": "Bahamas",
    "viet nam": "Vietnam",
    "iran (islamic republic of)": "Iran",
    "islamic republic of iran": "Iran",
    "republic of ireland": "Ireland",
    "eire": "Ireland",
    "state of palestine": "Palestine",
    "kingdom of saudi arabia": "Saudi Arabia",
    "ksa": "Saudi Arabia",
    "ussr": "Soviet Union",
    "u.s.s.r.": "Soviet Union",
}

# Demonyms and nationality adjectives (spaCy's NORP) that name a country. Plurals are added
# below ("Russians", "Israelis"). Ambiguous ones ("Korean", "Congolese") are left out on purpose:
# they become groups.
_DEMONYMS: dict[str, str] = {
    "afghan": "Afghanistan",
    "albanian": "Albania",
    "algerian": "Algeria",
    "american": "United States",
    "angolan": "Angola",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "armenian": "Armenia",
    "australian": "Australia",
    "austrian": "Austria",
    "azerbaijani": "Azerbaijan",
    "azeri": "Azerbaijan",
    "bahraini": "Bahrain",
    "bangladeshi": "Bangladesh",
    "belarusian": "Belarus",
    "belgian": "Belgium",
    "bolivian": "Bolivia",
    "bosnian": "Bosnia and Herzegovina",
    "brazilian": "Brazil",
    "british": "United Kingdom",
    "briton": "United Kingdom",
    "bulgarian": "Bulgaria",
    "burmese": "Myanmar",
    "burundian": "Burundi",
    "cambodian": "Cambodia",
    "cameroonian": "Cameroon",
    "canadian": "Canada",
    "chadian": "Chad",
    "chilean": "Chile",
    "chinese": "China",
    "colombian": "Colombia",
    "croatian": "Croatia",
    "croat": "Croatia",
    "cuban": "Cuba",
    "cypriot": "Cyprus",
    "czech": "Czech Republic",
    "danish": "Denmark",
    "dane": "Denmark",
    "dutch": "Netherlands",
    "ecuadorian": "Ecuador",
    "egyptian": "Egypt",
    "emirati": "United Arab Emirates",
    "english": "England",
    "eritrean": "Eritrea",
    "estonian": "Estonia",
    "ethiopian": "Ethiopia",
    "filipino": "Philippines",
    "philippine": "Philippines",
    "finnish": "Finland",
    "finn": "Finland",
    "french": "France",
    "georgian": "Georgia",
    "german": "Germany",
    "ghanaian": "Ghana",
    "greek": "Greece",
    "guatemalan": "Guatemala",
    "haitian": "Haiti",
    "honduran": "Honduras",
    "hungarian": "Hungary",
    "icelandic": "Iceland",
    "indian": "India",
    "indonesian": "Indonesia",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "jamaican": "Jamaica",
    "japanese": "Japan",
    "jordanian": "Jordan",
    "kazakh": "Kazakhstan",
    "kenyan": "Kenya",
    "kosovar": "Kosovo",
    "kuwaiti": "Kuwait",
    "kyrgyz": "Kyrgyzstan",
    "laotian": "Laos",
    "latvian": "Latvia",
    "lebanese": "Lebanon",
    "liberian": "Liberia",
    "libyan": "Libya",
    "lithuanian": "Lithuania",
    "malagasy": "Madagascar",
    "malawian": "Malawi",
    "malaysian": "Malaysia",
    "malian": "Mali",
    "maltese": "Malta",
    "mexican": "Mexico",
    "moldovan": "Moldova",
    "mongolian": "Mongolia",
    "montenegrin": "Montenegro",
    "moroccan": "Morocco",
    "mozambican": "Mozambique",
    "namibian": "Namibia",
    "nepalese": "Nepal",
    "nepali": "Nepal",
    "new zealander": "New Zealand",
    "nicaraguan": "Nicaragua",
    "nigerian": "Nigeria",
    "nigerien": "Niger",
    "north korean": "North Korea",
    "norwegian": "Norway",
    "omani": "Oman",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "panamanian": "Panama",
    "paraguayan": "Paraguay",
    "peruvian": "Peru",
    "polish": "Poland",
    "pole": "Poland",
    "portuguese": "Portugal",
    "qatari": "Qatar",
    "romanian": "Romania",
    "russian": "Russia",
    "rwandan": "Rwanda",
    "salvadoran": "El Salvador",
    "saudi": "Saudi Arabia",
    "scottish": "Scotland",
    "scot": "Scotland",
    "senegalese": "Senegal",
    "serbian": "Serbia",
    "serb": "Serbia",
    "singaporean": "Singapore",
    "slovak": "Slovakia",
    "slovenian": "Slovenia",
    "slovene": "Slovenia",
    "somali": "Somalia",
    "south african": "South Africa",
    "south korean": "South Korea",
    "south sudanese": "South Sudan",
    "spanish": "Spain",
    "spaniard": "Spain",
    "sri lankan": "Sri Lanka",
    "sudanese": "Sudan",
    "swedish": "Sweden",
    "swede": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "taiwanese": "Taiwan",
    "tajik": "Tajikistan",
    "tanzanian": "Tanzania",
    "thai": "Thailand",
    "tunisian": "Tunisia",
    "turkish": "Turkey",
    "turk": "Turkey",
    "turkmen": "Turkmenistan",
    "ugandan": "Uganda",
    "ukrainian": "Ukraine",
    "uruguayan": "Uruguay",
    "uzbek": "Uzbekistan",
    "venezuelan": "Venezuela",
    "vietnamese": "Vietnam",
    "welsh": "Wales",
    "yemeni": "Yemen",
    "zambian": "Zambia",
    "zairean": "Zaire",
    "zairian": "Zaire",
    "yugoslav": "Yugoslavia",
    "soviet": "Soviet Union",
    "zimbabwean": "Zimbabwe",
}


def _with_plurals(table: dict[str, str]) -> dict[str, str]:
    out = dict(table)
    for word, country in table.items():
        # "Chinese", "British", "Swiss", "Dutch" have no plural in -s.
        if not word.endswith(("ese", "sh", "ch", "ss", "s", "z")):
            out.setdefault(word + "s", country)
    return out


DEMONYMS: dict[str, str] = _with_plurals(_DEMONYMS)

COUNTRY_LOOKUP: dict[str, str] = {name.lower(): name for name in COUNTRIES}
COUNTRY_LOOKUP.update(_COUNTRY_ALIASES)

# Words that head a person's title or job ("Russian President", "chief executive of X").
TITLE_HEADS: frozenset[str] = words(
    """
    president vice-president president-elect minister prime premier chancellor secretary
    secretary-general leader chief executive ceo cfo coo cto chairman chairwoman chairperson
    chair director head governor senator congressman congresswoman congressmember
    representative rep. sen. gov. mayor spokesman spokeswoman spokesperson ambassador envoy
    general gen. commander admiral colonel col. lieutenant major captain sergeant king queen
    prince princess emperor monarch pope cardinal archbishop bishop sheikh emir crown judge
    justice prosecutor attorney attorney-general lawyer founder co-founder owner officer
    official adviser advisor analyst economist professor prof. researcher scientist coach
    manager editor correspondent commissioner diplomat negotiator mediator deputy lawmaker mp
    candidate nominee boss strategist activist councillor councilor treasurer inspector
    superintendent regulator chief-of-staff speaker whip dean rector president-designate
    chancellor-elect prime-minister under-secretary undersecretary administrator
    defender midfielder striker forward goalkeeper keeper winger player star skipper
    specialist expert author writer columnist actor actress singer rapper comedian presenter
    host chef designer artist
    """
)

# Words that may stand in a title without heading it ("former", "Foreign", "Defence").
TITLE_MODIFIERS: frozenset[str] = words(
    """
    former acting interim deputy vice outgoing incoming new then current senior top chief
    lead assistant associate first foreign defence defense finance health interior home
    trade economy economic energy justice education environment state national general
    executive managing supreme military party opposition majority minority house senate
    federal regional central foreign-affairs
    """
)

# Courtesy titles: part of how a name is written, never a role.
HONORIFICS: frozenset[str] = words(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady madam mme "
    # military and church ranks, abbreviated: "Lt Col Eric Schnaible", "Rt Rev Michael Scott"
    "lt lt. col col. capt capt. sgt sgt. maj maj. brig brig. cpl cpl. rev rev. rt rt. fr fr."
)

PRONOUNS: frozenset[str] = words(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves this that
    these those who whom whose which what one someone anyone everyone nobody somebody
    """
)

# Scraped page furniture that spaCy sometimes tags as an entity. Never an actor.
JUNK_WORDS: frozenset[str] = frozenset(
    {
        "source",
        "source link",
        "leave",
        "leave a reply",
        "reply",
        "share",
        "share this",
        "comment",
        "comments",
        "advertisement",
        "advert",
        "sponsored",
        "subscribe",
        "newsletter",
        "sign up",
        "log in",
        "login",
        "print",
        "email",
        "e-mail",
        "click here",
        "read more",
        "related",
        "scroll",
        "scroll down",
        "video",
        "photo",
        "image",
        "getty",
        "getty images",
        "copyright",
        "all rights reserved",
        "cookie",
        "cookies",
        "menu",
        "home",
        "skip",
        "advertising",
        "loading",
    }
)

# Social networks: an actor when a sentence is about them, junk when they are share buttons.
SOCIAL_NETWORKS: frozenset[str] = words(
    "facebook twitter x instagram whatsapp linkedin pinterest reddit tiktok telegram "
    "youtube snapchat threads bluesky mastodon"
)

# Words that show a sentence is a share/follow widget rather than prose.
WIDGET_WORDS: frozenset[str] = words(
    "share follow like tweet pin email print subscribe copy link comment comments"
)

# News agencies: in a dateline "(Reuters) -" they name the publisher, not an actor.
NEWS_AGENCIES: frozenset[str] = frozenset(
    {
        "reuters",
        "ap",
        "afp",
        "associated press",
        "agence france-presse",
        "bloomberg",
        "upi",
        "dpa",
        "xinhua",
        "tass",
        "efe",
        "ansa",
        "kyodo",
        "pa",
        "pa media",
        "cnn",
        "bbc",
    }
)

# News outlets that stories cite as the source of a report ("according to the Financial
# Times", "told BBC Sport"). The guideline never lists them as key actors; they stay in the
# mention index, so a quote or agreement can still name them.
NEWS_OUTLETS: frozenset[str] = (
    NEWS_AGENCIES
    | words(
        """
    espn sky itv channel4 cbs nbc abc fox msnbc npr pbs cnbc vedomosti kommersant interfax
    ria itar-tass yonhap bernama antara aljazeera al-jazeera
    """
    )
    | frozenset(
        {
            "der spiegel",
            "le monde",
            "le figaro",
            "el pais",
            "the times",
            "times",
            "financial times",
            "ft",
            "sky news",
            "sky sports",
            "sky sport",
            "bbc sport",
            "bbc news",
            "bbc radio",
            "fox news",
            "al jazeera",
            "press association",
            "daily mail",
            "mail online",
            "mailonline",
            "observer",
            "guardian",
            "independent",
            "telegraph",
            "the sun",
        }
    )
)
# Last words of newspaper and broadcaster names: "Salt Lake Tribune", "Courier Mail".
OUTLET_WORDS: frozenset[str] = words(
    """
    times tribune mail post journal telegraph herald guardian observer gazette chronicle
    express mirror spiegel examiner inquirer courier bulletin dispatch monitor newsweek
    radio tv television broadcasting sport sports news
    """
)

# Last words of events, laws and occasions, which a tagger may take for organisations or
# people ("General Election", "Easter Saturday", "the FA Cup", "Public Holidays Act").
EVENT_WORDS: frozenset[str] = words(
    """
    election elections referendum cup games olympics summit conference festival
    championship championships tournament awards expo marathon derby final finals season
    day week weekend eve act bill programme program scheme treaty protocol war crisis
    monday tuesday wednesday thursday friday saturday sunday christmas easter
    """
)
# Nouns for a person of a nation ("the Frenchman", "an Englishman"): a description of a
# person, never a name.
NATIONALITY_NOUNS: frozenset[str] = words(
    """
    frenchman frenchwoman englishman englishwoman irishman irishwoman scotsman scotswoman
    welshman welshwoman dutchman dutchwoman countryman countrywoman countrymen
    frenchmen englishmen irishmen scotsmen welshmen dutchmen
    """
)
# Last words of venues: "Rugby Park", "Wembley Stadium", "the O2 Arena". A venue is where a
# story happens, not who is in it.
VENUE_WORDS: frozenset[str] = words("stadium arena park ground grounds oval velodrome circuit")

# Common nouns written just before an organisation's name: "energy giant Gazprom", "cement
# firm Holcim", "oil unit Yuganskneftegas". Whatever the tagger says, the name is not a
# person or a place.
ORG_DESCRIPTORS: frozenset[str] = words(
    """
    firm company giant group carmaker automaker maker manufacturer producer operator airline
    carrier retailer chain conglomerate utility insurer lender bank unit subsidiary
    supplier broker consultancy agency startup start-up outfit club side network broadcaster
    publisher label brand developer contractor consortium miner
    """
)

# Political parties known by one word, which the tagger often takes for places ("Labour"
# and "Ukip" tagged GPE): a party is an organisation, whatever the tag says.
PARTY_NAMES: frozenset[str] = words(
    """
    labour ukip snp plaid sinn dup bnp likud kadima fatah hamas hezbollah fidesz syriza
    podemos anc zanu-pf kmt bjp
    """
)

# Plural words that end companies' names, never people's: "Reline Investments", "Sea Glass
# Vacations", "Beringer Blass Wine Estate" (the tagger takes some of them for people).
COMPANY_ENDINGS: frozenset[str] = words(
    """
    investments industries enterprises ventures resources technologies systems solutions
    vacations holidays estates estate brewers brewery breweries stores pharmaceuticals
    communications logistics properties securities
    """
)

# Words that end the names of organisations: "Joseph Rowntree Foundation" is not a place,
# whatever the tagger says.
ORG_ENDINGS: frozenset[str] = words(
    """
    foundation institute institution university college school bank council party company
    corporation corp corp. inc inc. ltd ltd. plc llc group association ministry agency
    commission committee organization organisation union league federation trust fund
    authority department office court army navy police club fc united city rovers athletic
    board bureau service services network airlines airways motors energy holdings partners
    society alliance coalition newsroom desk exchange
    """
)

# Lower-case words that may stand inside a name: "Bank of England", "Ludwig van Beethoven".
NAME_PARTICLES: frozenset[str] = words(
    "of the and for de la le du des da di van von der den bin al el on in at & y e"
)

# Common nouns that, with "the", stand for an actor already named: "the company said".
GENERIC_NOUNS: dict[str, tuple[str, ...]] = {
    "company": ("organisation",),
    "firm": ("organisation",),
    "group": ("organisation",),
    "bank": ("organisation",),
    "club": ("organisation",),
    "union": ("organisation",),
    "ministry": ("organisation",),
    "organisation": ("organisation",),
    "organization": ("organisation",),
    "bloc": ("organisation",),
    "government": ("country", "organisation"),
    "country": ("country",),
    "kingdom": ("country",),
    "republic": ("country",),
}

# Words that open the names of organisations: sports clubs ("Hapoel Haifa", "Real Madrid",
# "FC Porto") and companies ("PT Timah"). A name that starts with one is not a person.
ORG_STARTS: frozenset[str] = words(
    """
    fc ac as sc sv vfl vfb tsv ssc cf cd ud rc afc hapoel maccabi bnei beitar ironi real
    atletico athletic sporting dynamo dinamo spartak lokomotiv torpedo olympique olympiacos
    racing borussia rapid steaua partizan red inter pt bank university
    """
)

# Company-form suffixes: "Brewpole BV", "Zywiec SA", "Russ Berrie and Co Inc".
COMPANY_SUFFIXES: frozenset[str] = words(
    "inc inc. corp corp. co co. ltd ltd. plc llc lp llp sa ag nv bv gmbh spa s.p.a. ab asa "
    "oy oyj kk tbk bhd pty newsroom desk"
)

# Sports, as a Reuters-style headline names them ("SOCCER - ...", "NHL ICE HOCKEY - ...").
SPORTS: frozenset[str] = words(
    """
    soccer football cricket rugby tennis golf basketball baseball hockey nba nfl nhl mlb
    skiing athletics boxing cycling squash badminton bobsleigh biathlon snooker swimming
    motor racing formula volleyball handball rowing sailing
    """
)

# Leagues and governing bodies that a sports headline names by their acronym ("NBA
# BASKETBALL - ...", "NHL ICE HOCKEY - ..."): organisations, unlike the sport beside them.
LEAGUES: frozenset[str] = words(
    "nba nfl nhl mlb mls wnba ncaa nba uefa fifa atp wta pga lpga icc iaaf fia"
)

# Words of sports reporting; a document using several of them is a sports report, where a
# city's name usually stands for its team ("Leeds beat Chelsea").
SPORTS_TERMS: frozenset[str] = words(
    """
    goal goals scored scorer scorers striker midfielder midfielders defender defenders
    goalkeeper goalkeepers forwards coach halftime half-time innings wicket wickets match
    matches league standings tournament championship season referee penalty penalties
    equaliser equalizer draw drew unbeaten semifinal semifinals quarter-final final finals
    squad fixture fixtures points played won lost drawn runs overs bowler batsman cup
    playoff playoffs race slalom downhill champion champions title striker touchdown
    """
)

# Prepositions before a place name: "in Leeds" is a place even in a sports report.
LOCATIVES: frozenset[str] = words("in at near outside inside from around across throughout via")

# Capitalised abbreviations that are not organisations; any other acronym the tagger left
# untagged ("USDA", "NATS", "TASR") names one.
NON_ORG_ACRONYMS: frozenset[str] = words(
    """
    gdp gnp cpi ppi ytd yoy qoq mp mps ceo cfo coo cto md vp tv dvd cd pc it ai id ok am pm
    fm gmt utc est edt bst cet aids hiv sars dna rna usd eur gbp jpy chf ipo ipos eps pe
    rbi bbl bpd mw kw gw lb lbs kg km mph pct caps ytd faq pdf html www url usb gps atm vat
    rsvp asap fyi n/a na tba tbc tbn ii iii iv vi vii viii ix xi xii output access steel
    coal ore oil gas note update correction urgent flash suv suvs lng lpg cctv ads adr adrs
    gdr gdrs
    """
)

# Plural nouns that make a group actor when someone they belong to is named before them:
# "Russian troops", "White House officials", "Ukrainian government officials". On their own
# ("officials said") they are generic nouns, never actors.
GROUP_NOUNS: frozenset[str] = words(
    """
    troops forces soldiers officials diplomats negotiators lawmakers legislators ministers
    leaders police rebels militants fighters insurgents separatists protesters demonstrators
    activists investors workers employees unions fans supporters voters residents citizens
    authorities regulators prosecutors judges scientists doctors farmers students refugees
    migrants pilots sailors marines delegates envoys officers agents executives shareholders
    """
)

# Seats of government that stand for it: "the Kremlin said", "White House officials".
GOVERNMENT_SEATS: frozenset[str] = frozenset(
    {
        "kremlin",
        "white house",
        "downing street",
        "elysee",
        "elysée",
        "elysee palace",
        "pentagon",
        "whitehall",
        "blue house",
        "zhongnanhai",
        "quai d'orsay",
        "foggy bottom",
        "capitol hill",
        "number 10",
        "no 10",
    }
)

# Capitals that news writes for their country's government ("Athens rejected the terms",
# "Moscow has denied ..."). A capital joins its country only as the subject of its sentence
# and only when the article also names the country. London and Washington are left out: each is also a club, a state or a
# city that is only where a story happens far more often than it is a government.
CAPITALS: dict[str, str] = {
    "athens": "Greece",
    "moscow": "Russia",
    "beijing": "China",
    "tehran": "Iran",
    "kiev": "Ukraine",
    "kyiv": "Ukraine",
    "ankara": "Turkey",
    "cairo": "Egypt",
    "damascus": "Syria",
    "baghdad": "Iraq",
    "kabul": "Afghanistan",
    "islamabad": "Pakistan",
    "new delhi": "India",
    "tokyo": "Japan",
    "seoul": "South Korea",
    "pyongyang": "North Korea",
    "paris": "France",
    "berlin": "Germany",
    "rome": "Italy",
    "madrid": "Spain",
    "lisbon": "Portugal",
    "dublin": "Ireland",
    "warsaw": "Poland",
    "budapest": "Hungary",
    "minsk": "Belarus",
    "riyadh": "Saudi Arabia",
    "caracas": "Venezuela",
    "havana": "Cuba",
    "brasilia": "Brazil",
    "buenos aires": "Argentina",
    "canberra": "Australia",
    "ottawa": "Canada",
    "nicosia": "Cyprus",
    "tripoli": "Libya",
    "khartoum": "Sudan",
    "nairobi": "Kenya",
    "abuja": "Nigeria",
    "pretoria": "South Africa",
    "hanoi": "Vietnam",
    "manila": "Philippines",
    "jakarta": "Indonesia",
    "bangkok": "Thailand",
}

# Other names of political parties, each to the family it belongs to: "the Tories" and "the
# Conservatives" are one actor, and so are "the Lib Dems" and "the Liberal Democrats".
PARTY_ALIASES: dict[str, str] = {
    "tories": "conservative",
    "tory": "conservative",
    "tory party": "conservative",
    "conservatives": "conservative",
    "conservative party": "conservative",
    "lib dems": "liberal democrat",
    "lib dem": "liberal democrat",
    "liberal democrats": "liberal democrat",
    "labour party": "labour",
    "labour": "labour",
    "republicans": "republican",
    "republican party": "republican",
    "gop": "republican",
    "democrats": "democrat",
    "democratic party": "democrat",
}

# Football clubs' nicknames, which reports use for a club they have named ("the Gunners",
# "the Red Devils"). Only nicknames that one club bears: "the Blues" and "the Reds" are
# several clubs'.
CLUB_NICKNAMES: dict[str, str] = {
    "gunners": "arsenal",
    "red devils": "manchester united",
    "swans": "swansea",
    "magpies": "newcastle",
    "toffees": "everton",
    "hammers": "west ham",
    "spurs": "tottenham",
    "saints": "southampton",
    "baggies": "west brom",
    "canaries": "norwich",
    "foxes": "leicester",
    "villans": "aston villa",
    "gers": "rangers",
    "bhoys": "celtic",
    "black cats": "sunderland",
    "hornets": "watford",
    "potters": "stoke",
    "cottagers": "fulham",
    "citizens": "manchester city",
    "blades": "sheffield united",
    "owls": "sheffield wednesday",
    "cherries": "bournemouth",
    "seagulls": "brighton",
    "terriers": "huddersfield",
    "tractor boys": "ipswich",
    "eagles": "crystal palace",
}
