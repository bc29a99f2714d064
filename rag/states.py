# ruff: noqa: E501  (data table: one state per line reads best unwrapped)
"""A general table of states: names, other names (French, Spanish, short forms), adjectives, capitals.

Used to recognise the state a question names or implies ("Pakistani", "Islamabad", "la France").
One line per state: canonical|other names|adjectives|capitals (comma-separated, any may be empty).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

TABLE = """
Afghanistan||Afghan|Kabul
Albania|Albanie|Albanian|Tirana
Algeria|Algérie,Argelia|Algerian|Algiers
Andorra|Andorre|Andorran|
Angola||Angolan|Luanda
Antigua and Barbuda|Antigua-et-Barbuda,Antigua y Barbuda||
Argentina|Argentine|Argentine,Argentinian,argentino|Buenos Aires
Armenia|Arménie|Armenian|Yerevan
Australia|Australie|Australian|Canberra
Austria|Autriche|Austrian,autrichien|Vienna,Vienne,Viena
Azerbaijan|Azerbaïdjan,Azerbaiyán|Azerbaijani|Baku
Bahamas||Bahamian|Nassau
Bahrain|Bahreïn,Bahréin|Bahraini|Manama
Bangladesh||Bangladeshi|Dhaka
Barbados|Barbade|Barbadian|Bridgetown
Belarus|Biélorussie,Bielorrusia|Belarusian|Minsk
Belgium|Belgique,Bélgica|Belgian,belge|Brussels,Bruxelles,Bruselas
Belize|||Belmopan
Benin|Bénin|Beninese|Porto-Novo,Cotonou
Bhutan|Bhoutan,Bután|Bhutanese|Thimphu
Bolivia|Bolivie|Bolivian|La Paz,Sucre
Bosnia and Herzegovina|Bosnia,Bosnie-Herzégovine,Bosnia y Herzegovina|Bosnian|Sarajevo
Botswana||Botswanan|Gaborone
Brazil|Brésil,Brasil|Brazilian,brésilien,brasileño|Brasília,Brasilia
Brunei|Brunei Darussalam,Brunéi||Bandar Seri Begawan
Bulgaria|Bulgarie|Bulgarian|Sofia
Burkina Faso||Burkinabe|Ouagadougou
Burundi||Burundian|Bujumbura,Gitega
Cambodia|Cambodge,Camboya|Cambodian|Phnom Penh
Cameroon|Cameroun,Camerún|Cameroonian|Yaoundé
Canada|Canadá|Canadian,canadien|Ottawa
Cape Verde|Cabo Verde,Cap-Vert|Cape Verdean|Praia
Central African Republic|République centrafricaine,República Centroafricana|Central African|Bangui
Chad|Tchad|Chadian|N'Djamena
Chile|Chili|Chilean,chilien,chileno|Santiago
China|Chine,People's Republic of China|Chinese,chinois|Beijing,Pékin
Colombia|Colombie|Colombian|Bogotá,Bogota
Comoros|Comores,Comoras|Comorian|Moroni
Congo|Republic of the Congo,Congo-Brazzaville||Brazzaville
Democratic Republic of the Congo|DR Congo,DRC,République démocratique du Congo,República Democrática del Congo||Kinshasa
Costa Rica||Costa Rican|San José
Côte d'Ivoire|Ivory Coast,Costa de Marfil|Ivorian,ivoirien|Yamoussoukro,Abidjan
Croatia|Croatie,Croacia|Croatian|Zagreb
Cuba||Cuban|Havana,La Havane,La Habana
Cyprus|Chypre,Chipre|Cypriot|Nicosia
Czech Republic|Czechia,République tchèque,República Checa|Czech|Prague,Praga
Denmark|Danemark,Dinamarca|Danish,danois|Copenhagen,Copenhague
Djibouti|Yibuti|Djiboutian|
Dominica|Dominique||Roseau
Dominican Republic|République dominicaine,República Dominicana|Dominican|Santo Domingo
Ecuador|Équateur|Ecuadorian|Quito
Egypt|Égypte,Egipto|Egyptian|Cairo,Le Caire,El Cairo
El Salvador|Salvador|Salvadoran|San Salvador
Equatorial Guinea|Guinée équatoriale,Guinea Ecuatorial|Equatoguinean|Malabo
Eritrea|Érythrée|Eritrean|Asmara
Estonia|Estonie|Estonian|Tallinn
Eswatini|Swaziland|Swazi|Mbabane
Ethiopia|Éthiopie,Etiopía|Ethiopian|Addis Ababa
Fiji|Fidji,Fiyi|Fijian|Suva
Finland|Finlande,Finlandia|Finnish,Finn|Helsinki
France|Francia|French,français,francés|Paris
Gabon|Gabón|Gabonese|Libreville
Gambia|Gambie|Gambian|Banjul
Georgia|Géorgie|Georgian|Tbilisi
Germany|Allemagne,Alemania,Federal Republic of Germany|German,allemand,alemán|Berlin,Berlín
Ghana||Ghanaian|Accra
Greece|Grèce,Grecia|Greek|Athens,Athènes,Atenas
Grenada|Grenade||
Guatemala||Guatemalan|
Guinea|Guinée|Guinean|Conakry
Guinea-Bissau|Guinée-Bissau||Bissau
Guyana||Guyanese|Georgetown
Haiti|Haïti,Haití|Haitian|Port-au-Prince
Holy See|Vatican,Saint-Siège,Santa Sede||
Honduras||Honduran|Tegucigalpa
Hungary|Hongrie,Hungría|Hungarian|Budapest
Iceland|Islande,Islandia|Icelandic|Reykjavik
India|Inde|Indian|New Delhi,Delhi
Indonesia|Indonésie|Indonesian|Jakarta
Iran|Islamic Republic of Iran|Iranian|Tehran,Téhéran
Iraq|Irak|Iraqi|Baghdad
Ireland|Irlande,Irlanda|Irish|Dublin
Israel|Israël|Israeli|Jerusalem,Tel Aviv
Italy|Italie,Italia|Italian,italien|Rome,Roma
Jamaica|Jamaïque|Jamaican|Kingston
Japan|Japon,Japón|Japanese,japonais|Tokyo
Jordan|Jordanie,Jordania|Jordanian|Amman
Kazakhstan|Kazajistán|Kazakh|Astana
Kenya||Kenyan|Nairobi
Kiribati|||Tarawa
North Korea|Democratic People's Republic of Korea,DPRK,Corée du Nord,Corea del Norte|North Korean|Pyongyang
South Korea|Republic of Korea,Corée du Sud,Corea del Sur|South Korean|Seoul
Kuwait|Koweït|Kuwaiti|
Kyrgyzstan|Kirghizistan,Kirguistán|Kyrgyz|Bishkek
Lao PDR|Laos,Lao People's Democratic Republic,Lao,RDP lao,República Democrática Popular Lao|Laotian|Vientiane
Latvia|Lettonie,Letonia|Latvian|Riga
Lebanon|Liban,Líbano,Lebanese Republic|Lebanese,libanais|Beirut,Beyrouth
Lesotho|||Maseru
Liberia|Libéria|Liberian|Monrovia
Libya|Libye,Libia|Libyan|Tripoli
Liechtenstein|||Vaduz
Lithuania|Lituanie,Lituania|Lithuanian|Vilnius
Luxembourg|Luxemburgo|Luxembourgish|
Madagascar||Malagasy|Antananarivo
Malawi||Malawian|Lilongwe
Malaysia|Malaisie,Malasia|Malaysian|Kuala Lumpur
Maldives|Maldivas|Maldivian|Malé
Mali|Malí|Malian|Bamako
Malta|Malte|Maltese|Valletta
Marshall Islands|Îles Marshall,Islas Marshall||Majuro
Mauritania|Mauritanie|Mauritanian|Nouakchott
Mauritius|Maurice,Mauricio|Mauritian|Port Louis
Mexico|Mexique,México|Mexican|Mexico City
Micronesia|Micronésie|Micronesian|Palikir
Moldova|Moldavie,Moldavia|Moldovan|Chisinau
Monaco|Mónaco|Monegasque|
Mongolia|Mongolie|Mongolian|Ulaanbaatar
Montenegro|Monténégro|Montenegrin|Podgorica
Morocco|Maroc,Marruecos|Moroccan|Rabat
Mozambique||Mozambican|Maputo
Myanmar|Burma,Birmanie,Birmania|Burmese|Naypyidaw,Yangon,Rangoon
Namibia|Namibie|Namibian|Windhoek
Nauru|||
Nepal|Népal|Nepalese,Nepali|Kathmandu
Netherlands|Holland,Pays-Bas,Países Bajos|Dutch,néerlandais|Amsterdam,The Hague,La Haye
New Zealand|Nouvelle-Zélande,Nueva Zelanda|New Zealander|Wellington
Nicaragua||Nicaraguan|Managua
Niger|Níger|Nigerien|Niamey
Nigeria|Nigéria|Nigerian|Abuja
North Macedonia|Macedonia,Macédoine du Nord|Macedonian|Skopje
Norway|Norvège,Noruega|Norwegian,norvégien,noruego|Oslo
Oman|Omán|Omani|Muscat
Pakistan|Pakistán|Pakistani,pakistanais,paquistaní|Islamabad
Palau|Palaos|Palauan|
Palestine|State of Palestine,Palestina|Palestinian|Ramallah
Panama|Panamá|Panamanian|
Papua New Guinea|Papouasie-Nouvelle-Guinée,Papúa Nueva Guinea||Port Moresby
Paraguay||Paraguayan|Asunción
Peru|Pérou,Perú|Peruvian|Lima
Philippines|Filipinas|Filipino,Philippine|Manila
Poland|Pologne,Polonia|Polish,polonais|Warsaw,Varsovie,Varsovia
Portugal||Portuguese,portugais|Lisbon,Lisbonne,Lisboa
Qatar||Qatari|Doha
Romania|Roumanie,Rumania|Romanian|Bucharest
Russia|Russian Federation,Russie,Rusia,Fédération de Russie|Russian,russe|Moscow,Moscou,Moscú
Rwanda||Rwandan|Kigali
Saint Kitts and Nevis|Saint-Kitts-et-Nevis||Basseterre
Saint Lucia|Sainte-Lucie,Santa Lucía||Castries
Saint Vincent and the Grenadines|Saint-Vincent-et-les-Grenadines||Kingstown
Samoa||Samoan|Apia
San Marino|Saint-Marin||
Sao Tome and Principe|São Tomé and Príncipe,Sao Tomé-et-Principe||
Saudi Arabia|Arabie saoudite,Arabia Saudita|Saudi|Riyadh
Senegal|Sénégal|Senegalese|Dakar
Serbia|Serbie|Serbian|Belgrade
Seychelles||Seychellois|
Sierra Leone||Sierra Leonean|Freetown
Singapore|Singapour,Singapur|Singaporean|
Slovakia|Slovaquie,Eslovaquia|Slovak|Bratislava
Slovenia|Slovénie,Eslovenia|Slovenian,Slovene|Ljubljana
Solomon Islands|Îles Salomon,Islas Salomón||Honiara
Somalia|Somalie|Somali|Mogadishu
South Africa|Afrique du Sud,Sudáfrica|South African|Pretoria,Cape Town
South Sudan|Soudan du Sud,Sudán del Sur|South Sudanese|Juba
Spain|Espagne,España|Spanish,espagnol,español|Madrid
Sri Lanka||Sri Lankan|Colombo
Sudan|Soudan,Sudán|Sudanese|Khartoum
Suriname|Surinam|Surinamese|Paramaribo
Sweden|Suède,Suecia|Swedish,suédois|Stockholm,Estocolmo
Switzerland|Suisse,Suiza,Swiss Confederation|Swiss|Bern,Berne,Berna
Syria|Syrian Arab Republic,Syrie,Siria|Syrian|Damascus
Tajikistan|Tadjikistan,Tayikistán|Tajik|Dushanbe
Tanzania|United Republic of Tanzania,Tanzanie|Tanzanian|Dodoma,Dar es Salaam
Thailand|Thaïlande,Tailandia|Thai|Bangkok
Timor-Leste|East Timor,Timor oriental|Timorese|Dili
Togo||Togolese|Lomé
Tonga||Tongan|
Trinidad and Tobago|Trinité-et-Tobago,Trinidad y Tobago||Port of Spain
Tunisia|Tunisie,Túnez|Tunisian|Tunis
Turkey|Türkiye,Turquie,Turquía|Turkish|Ankara
Turkmenistan|Turkménistan|Turkmen|Ashgabat
Tuvalu|||Funafuti
Uganda|Ouganda|Ugandan|Kampala
Ukraine|Ucrania|Ukrainian|Kyiv,Kiev
United Arab Emirates|UAE,Émirats arabes unis,Emiratos Árabes Unidos|Emirati|Abu Dhabi
United Kingdom|UK,U.K.,Britain,Great Britain,United Kingdom of Great Britain and Northern Ireland,Royaume-Uni,Reino Unido|British,britannique,británico|London,Londres
United States|United States of America,USA,U.S.,US,America,États-Unis,Estados Unidos|American,américain,estadounidense|Washington
Uruguay||Uruguayan|Montevideo
Uzbekistan|Ouzbékistan,Uzbekistán|Uzbek|Tashkent
Vanuatu|||Port Vila
Venezuela||Venezuelan|Caracas
Viet Nam|Vietnam|Vietnamese|Hanoi
Yemen|Yémen|Yemeni|Sanaa
Zambia|Zambie|Zambian|Lusaka
Zimbabwe||Zimbabwean|Harare
"""

# Names that are also ordinary words or letter boilerplate: matched only case-sensitively.
CASE_SENSITIVE = {"us", "chad", "turkey", "guinea", "georgia", "jordan", "lao", "niger"}
# A capital names a place, not its government, after a preposition ("signed in Oslo") or in
# the name of a process, treaty or meeting ("the Oslo process", "processus d'Oslo").
PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|to|from|of|near|de|en|a|au|d')\s*|d')$")
EVENT_AFTER = re.compile(
    r"^\W{0,2}\s*(?:process|declaration|convention|treaty|conference|meeting|negotiations|"
    r"text|conferences|talks|summit|agreement|protocol|action plan|commitments?|instrument)\b"
)


@dataclass(frozen=True)
class StateName:
    """One way of naming a state in a question."""

    state: str  # canonical English name
    text: str  # the surface form
    how: str  # name, adjective or capital


def fold(text: str) -> str:
    """Lowercase without accents, apostrophes unified: how names are compared."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@cache
def state_names() -> tuple[StateName, ...]:
    names = []
    for line in TABLE.strip().splitlines():
        state, others, adjectives, capitals = line.split("|")
        for how, forms in (
            ("name", [state, *split(others)]),
            ("adjective", split(adjectives)),
            ("capital", split(capitals)),
        ):
            names.extend(StateName(state, form, how) for form in forms)
    return tuple(names)


def split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(",") if part.strip()]


@cache
def name_pattern() -> re.Pattern:
    """One alternation over every folded name, longest first so "South Sudan" beats "Sudan"."""
    forms = sorted({fold(n.text) for n in state_names()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


@cache
def lookup() -> dict[str, StateName]:
    return {fold(n.text): n for n in reversed(state_names())}


def find_states(text: str, places: bool = False) -> list[StateName]:
    """Every state named in TEXT, in order of appearance, each once. With PLACES, a capital
    named as a place ("held in Vientiane") counts too."""
    folded, found = fold(text), {}
    for match in name_pattern().finditer(folded):
        name = lookup()[match.group(1)]
        original = text[match.start() : match.end()]
        if fold(name.text) in CASE_SENSITIVE and not original[:1].isupper():
            continue
        if name.how == "adjective" and folded[: match.start()].endswith(("in ", "en ")):
            continue  # "in French", "en español": a language, not a state
        if name.how == "capital" and names_a_place(folded, match, places):
            continue
        found.setdefault(name.state, name)
    return list(found.values())


def names_a_place(folded: str, match: re.Match, places: bool = False) -> bool:
    """A capital used as a place ("in Oslo", unless PLACES) or in an event's name."""
    before, after = folded[max(0, match.start() - 12) : match.start()], folded[match.end() :]
    return bool((not places and PLACE_BEFORE.search(before)) or EVENT_AFTER.match(after))


@cache
def canonical_state(name: str | None) -> str | None:
    """The canonical name of a state written any way the table knows, else None."""
    if not name:
        return None
    hit = lookup().get(fold(name.strip()))
    if hit:
        return hit.state
    states = find_states(name)
    return states[0].state if len(states) == 1 else None
