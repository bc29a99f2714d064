# ruff: noqa: E501  (a data table: one state a line reads best)
"""States of the world as letters and questions name them: the canonical English name first,
then other names (short, official, French, Spanish), adjectives (after "~", "Pakistani",
"français") and capitals (after "@", weaker evidence: embassies sit in foreign capitals).
One state a line; the first name is the one reported everywhere (ingest and rag)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

STATES = """
Afghanistan|~Afghan|Islamic Republic of Afghanistan|Afghanistán|@Kabul
Albania|~Albanian|Albanie|@Tirana|@Tirane
Algeria|~Algerian|Algérie|Argelia|People's Democratic Republic of Algeria|@Algiers|@Alger
Andorra|~Andorran|Andorre|@Andorra la Vella
Angola|~Angolan|@Luanda
Antigua and Barbuda|Antigua|Antigua-et-Barbuda|Antigua y Barbuda|@St. John's
Argentina|Argentine|~Argentinian|Argentine Republic|República Argentina|Argentinien|~argentino|@Buenos Aires
Armenia|~Armenian|Arménie|@Yerevan|@Erevan
Australia|~Australian|Commonwealth of Australia|Australie|@Canberra
Austria|~Austrian|Autriche|Österreich|Republic of Austria|~autrichien|@Vienna|@Wien|@Vienne|@Viena
Azerbaijan|~Azerbaijani|Azerbaïdjan|Azerbaiyán|@Baku|@Bakou
Bahamas|~Bahamian|The Bahamas|@Nassau
Bahrain|~Bahraini|Kingdom of Bahrain|Bahreïn|Baréin|@Manama
Bangladesh|~Bangladeshi|People's Republic of Bangladesh|@Dhaka|@Dacca
Barbados|~Barbadian|Barbade|@Bridgetown
Belarus|~Belarusian|Biélorussie|Bélarus|Belarús|Bielorrusia|@Minsk
Belgium|~Belgian|Belgique|Bélgica|Kingdom of Belgium|~belge|@Brussels|@Bruxelles|@Bruselas
Belize|~Belizean|Belice|@Belmopan
Benin|~Beninese|Bénin|Benín|@Porto-Novo|@Cotonou
Bhutan|~Bhutanese|Bhoutan|Bután|@Thimphu
Bolivia|~Bolivian|Plurinational State of Bolivia|Bolivie|Estado Plurinacional de Bolivia|@La Paz|@Sucre
Bosnia and Herzegovina|~Bosnian|Bosnia|Bosnie-Herzégovine|Bosnia y Herzegovina|@Sarajevo
Botswana|~Motswana|~Batswana|~Botswanan|@Gaborone
Brazil|~Brazilian|Federative Republic of Brazil|Brésil|Brasil|~Brasileño|~Brasileira|República Federativa do Brasil|~brésilien|@Brasília|@Brasilia
Brunei|Brunei Darussalam|~Bruneian|Brunéi|@Bandar Seri Begawan
Bulgaria|~Bulgarian|Bulgarie|@Sofia|@Sofía
Burkina Faso|~Burkinabe|~Burkinabè|@Ouagadougou
Burundi|~Burundian|~Burundais|@Gitega|@Bujumbura
Cabo Verde|Cape Verde|~Cape Verdean|Cap-Vert|@Praia
Cambodia|~Cambodian|Kingdom of Cambodia|Cambodge|Camboya|@Phnom Penh
Cameroon|~Cameroonian|Cameroun|Camerún|@Yaoundé|@Yaounde
Canada|~Canadian|~Canadien|~Canadienne|Canadá|Gouvernement du Canada|@Ottawa
Central African Republic|~Central African|République centrafricaine|República Centroafricana|@Bangui
Chad|~Chadian|Republic of Chad|Tchad|~Chadien|@N'Djamena|@Ndjamena
Chile|~Chilean|Republic of Chile|Chili|República de Chile|~chilien|~chileno|@Santiago
China|~Chinese|People's Republic of China|Chine|República Popular China|~chinois|@Beijing|@Pékin|@Pekín
Colombia|~Colombian|Republic of Colombia|Colombie|@Bogotá|@Bogota
Comoros|~Comorian|Comores|Comoras|@Moroni
Congo|Republic of the Congo|Congo-Brazzaville|Congolese Republic|République du Congo|@Brazzaville
Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|République démocratique du Congo|República Democrática del Congo|@Kinshasa
Costa Rica|~Costa Rican|~Costarricense|@San José
Côte d'Ivoire|Cote d'Ivoire|Ivory Coast|~Ivorian|~Ivoirien|Costa de Marfil|@Yamoussoukro|@Abidjan
Croatia|~Croatian|Croatie|Croacia|Hrvatska|@Zagreb
Cuba|~Cuban|~Cubano|~Cubana|@Havana|@La Habana|@La Havane
Cyprus|~Cypriot|Chypre|Chipre|@Nicosia|@Nicosie
Czech Republic|Czechia|~Czech|République tchèque|República Checa|Chequia|@Prague|@Praha|@Praga
Denmark|~Danish|Kingdom of Denmark|Danemark|Dinamarca|~danois|@Copenhagen|@Copenhague
Djibouti|~Djiboutian|Yibuti|@Djibouti City
Dominica|Dominique|Commonwealth of Dominica|@Roseau
Dominican Republic|~Dominican|République dominicaine|República Dominicana|@Santo Domingo
Ecuador|~Ecuadorian|Équateur|~Ecuatoriano|@Quito
Egypt|~Egyptian|Arab Republic of Egypt|Égypte|Egipto|@Cairo|@Le Caire|@El Cairo
El Salvador|~Salvadoran|Salvador|~Salvadoreño|@San Salvador
Equatorial Guinea|~Equatoguinean|Guinée équatoriale|Guinea Ecuatorial|@Malabo
Eritrea|~Eritrean|Érythrée|@Asmara
Estonia|~Estonian|Estonie|@Tallinn
Eswatini|Swaziland|~Swazi|@Mbabane
Ethiopia|~Ethiopian|Éthiopie|Etiopía|@Addis Ababa|@Addis-Abeba
Fiji|~Fijian|Fidji|Fiyi|@Suva
Finland|~Finnish|Finlande|Finlandia|Suomi|~Finn|@Helsinki
France|~French|French Republic|République française|~Française|Francia|~Francés|~français|@Paris
Gabon|~Gabonese|~Gabonaise|Gabón|@Libreville
Gambia|~Gambian|The Gambia|Gambie|@Banjul
Georgia|~Georgian|Géorgie|@Tbilisi
Germany|~German|Federal Republic of Germany|Deutschland|Bundesrepublik Deutschland|Auswärtiges Amt|Allemagne|Alemania|~Allemand|~alemán|@Berlin|@Bonn
Ghana|~Ghanaian|@Accra
Greece|~Greek|Hellenic Republic|Grèce|Grecia|@Athens|@Athènes|@Atenas
Grenada|~Grenadian|Grenade|Granada|@St. George's
Guatemala|~Guatemalan|~Guatemalteco|@Guatemala City
Guinea|~Guinean|Republic of Guinea|Guinée|@Conakry
Guinea-Bissau|~Bissau-Guinean|Guinée-Bissau|@Bissau
Guyana|~Guyanese|@Georgetown
Haiti|~Haitian|Haïti|Haití|@Port-au-Prince
Holy See|Vatican|Saint-Siège|Santa Sede|@Vatican City
Honduras|~Honduran|~Hondureño|@Tegucigalpa
Hungary|~Hungarian|Hongrie|Hungría|Magyarország|@Budapest
Iceland|~Icelandic|Islande|Islandia|@Reykjavik|@Reykjavík
India|~Indian|Republic of India|Inde|@New Delhi|@Delhi
Indonesia|~Indonesian|Republic of Indonesia|Indonésie|@Jakarta
Iran|~Iranian|Islamic Republic of Iran|République islamique d'Iran|Irán|@Tehran|@Téhéran|@Teherán
Iraq|~Iraqi|Republic of Iraq|Irak|@Baghdad|@Bagdad
Ireland|~Irish|Republic of Ireland|Irlande|Irlanda|Éire|@Dublin
Israel|~Israeli|State of Israel|Israël|@Jerusalem|@Tel Aviv
Italy|~Italian|Italian Republic|Italie|Italia|~italien|@Rome|@Roma
Jamaica|~Jamaican|Jamaïque|@Kingston
Japan|~Japanese|Japon|Japón|~japonais|@Tokyo|@Tokio
Jordan|~Jordanian|Hashemite Kingdom of Jordan|Jordanie|Jordania|@Amman
Kazakhstan|~Kazakh|~Kazakhstani|Kazajstán|Kazajistán|@Astana|@Nur-Sultan
Kenya|~Kenyan|@Nairobi
Kiribati|~I-Kiribati|@Tarawa
Kuwait|~Kuwaiti|State of Kuwait|Koweït|@Kuwait City
Kyrgyzstan|~Kyrgyz|Kirghizistan|Kirguistán|@Bishkek
Laos|Lao|Lao PDR|Lao People's Democratic Republic|~Laotian|République démocratique populaire lao|República Democrática Popular Lao|RDP lao|@Vientiane
Latvia|~Latvian|Lettonie|Letonia|@Riga
Lebanon|~Lebanese|Lebanese Republic|Liban|République libanaise|Líbano|República Libanesa|~libanais|@Beirut|@Beyrouth
Lesotho|~Basotho|@Maseru
Liberia|~Liberian|@Monrovia
Libya|~Libyan|Libye|Libia|@Tripoli
Liechtenstein|@Vaduz
Lithuania|~Lithuanian|Lituanie|Lituania|@Vilnius
Luxembourg|~Luxembourgish|Grand Duchy of Luxembourg|Luxemburgo|@Luxembourg City
Madagascar|~Malagasy|@Antananarivo
Malawi|~Malawian|@Lilongwe
Malaysia|~Malaysian|Malaisie|Malasia|@Kuala Lumpur|@Putrajaya
Maldives|~Maldivian|Maldivas|@Malé
Mali|~Malian|~Malien|@Bamako
Malta|~Maltese|Malte|@Valletta
Marshall Islands|~Marshallese|Îles Marshall|Islas Marshall|@Majuro
Mauritania|~Mauritanian|Mauritanie|@Nouakchott
Mauritius|~Mauritian|Maurice|Mauricio|@Port Louis
Mexico|~Mexican|United Mexican States|Mexique|México|Estados Unidos Mexicanos|~Mexicano|@Mexico City|@Ciudad de México
Micronesia|~Micronesian|Federated States of Micronesia|Micronésie|@Palikir
Moldova|~Moldovan|Republic of Moldova|Moldavie|Moldavia|@Chisinau|@Chișinău
Monaco|~Monegasque|~Monégasque|Mónaco
Mongolia|~Mongolian|Mongolie|@Ulaanbaatar|@Ulan Bator
Montenegro|~Montenegrin|Monténégro|@Podgorica
Morocco|~Moroccan|Kingdom of Morocco|Maroc|Marruecos|@Rabat
Mozambique|~Mozambican|Moçambique|@Maputo
Myanmar|Burma|~Burmese|Birmanie|Birmania|@Naypyidaw|@Nay Pyi Taw|@Yangon|@Rangoon
Namibia|~Namibian|Namibie|@Windhoek
Nauru|~Nauruan|@Yaren
Nepal|~Nepalese|~Nepali|Népal|@Kathmandu
Netherlands|~Dutch|Kingdom of the Netherlands|Holland|Pays-Bas|Países Bajos|Nederland|~néerlandais|@The Hague|@Amsterdam|@La Haye
New Zealand|~New Zealander|Nouvelle-Zélande|Nueva Zelandia|Nueva Zelanda|Aotearoa|@Wellington
Nicaragua|~Nicaraguan|~Nicaragüense|@Managua
Niger|~Nigerien|Republic of the Niger|Níger|@Niamey
Nigeria|~Nigerian|Federal Republic of Nigeria|Nigéria|@Abuja
North Korea|Democratic People's Republic of Korea|DPRK|République populaire démocratique de Corée|República Popular Democrática de Corea|Corée du Nord|Corea del Norte|~North Korean|@Pyongyang
North Macedonia|Macedonia|~Macedonian|Former Yugoslav Republic of Macedonia|Macédoine du Nord|Macedonia del Norte|@Skopje
Norway|~Norwegian|Kingdom of Norway|~Royal Norwegian|Norvège|Noruega|Norge|~norvégien|~noruego|@Oslo
Oman|~Omani|Sultanate of Oman|Omán|@Muscat|@Mascate
Pakistan|~Pakistani|Islamic Republic of Pakistan|Pakistán|~pakistanais|~paquistaní|@Islamabad
Palau|~Palauan|Palaos|@Ngerulmud|@Melekeok
Palestine|~Palestinian|State of Palestine|Palestina|@Ramallah
Panama|~Panamanian|Panamá|~Panameño|@Panama City
Papua New Guinea|~Papua New Guinean|Papouasie-Nouvelle-Guinée|Papúa Nueva Guinea|@Port Moresby
Paraguay|~Paraguayan|~Paraguayo|@Asunción|@Asuncion
Peru|~Peruvian|Republic of Peru|Pérou|Perú|~Peruano|@Lima
Philippines|~Philippine|~Filipino|Republic of the Philippines|Filipinas|@Manila
Poland|~Polish|Republic of Poland|Pologne|Polonia|Polska|~polonais|@Warsaw|@Varsovie|@Varsovia
Portugal|~Portuguese|~Portuguesa|~Portugais|@Lisbon|@Lisboa|@Lisbonne
Qatar|~Qatari|State of Qatar|Catar|@Doha
Romania|~Romanian|Roumanie|Rumania|@Bucharest|@Bucarest
Russia|~Russian|Russian Federation|Fédération de Russie|Russie|Federación de Rusia|Rusia|~russe|@Moscow|@Moscou|@Moscú
Rwanda|~Rwandan|Ruanda|@Kigali
Saint Kitts and Nevis|St Kitts and Nevis|Saint-Kitts-et-Nevis|San Cristóbal y Nieves|@Basseterre
Saint Lucia|St Lucia|~Saint Lucian|Sainte-Lucie|Santa Lucía|@Castries
Saint Vincent and the Grenadines|St Vincent and the Grenadines|Saint-Vincent-et-les-Grenadines|San Vicente y las Granadinas|@Kingstown
Samoa|~Samoan|@Apia
San Marino|~Sammarinese|Saint-Marin
Sao Tome and Principe|São Tomé and Príncipe|Sao Tomé-et-Principe|Santo Tomé y Príncipe|@São Tomé
Saudi Arabia|~Saudi|Kingdom of Saudi Arabia|Arabie saoudite|Arabia Saudita|@Riyadh|@Riyad
Senegal|~Senegalese|Sénégal|@Dakar
Serbia|~Serbian|Republic of Serbia|Serbie|@Belgrade|@Belgrado
Seychelles|~Seychellois
Sierra Leone|~Sierra Leonean|@Freetown
Singapore|~Singaporean|Singapour|Singapur
Slovakia|~Slovak|Slovak Republic|Slovaquie|Eslovaquia|@Bratislava
Slovenia|~Slovenian|~Slovene|Slovénie|Eslovenia|@Ljubljana|@Liubliana
Solomon Islands|~Solomon Islander|Îles Salomon|Islas Salomón|@Honiara
Somalia|~Somali|Somalie|@Mogadishu|@Mogadiscio
South Africa|~South African|Republic of South Africa|Afrique du Sud|Sudáfrica|@Pretoria|@Cape Town
South Korea|Republic of Korea|~Korean|Korea|République de Corée|República de Corea|Corea del Sur|Corée du Sud|~South Korean|@Seoul|@Séoul|@Seúl
South Sudan|~South Sudanese|Soudan du Sud|Sudán del Sur|@Juba
Spain|~Spanish|Kingdom of Spain|Espagne|España|Reino de España|~Español|~espagnol|@Madrid
Sri Lanka|~Sri Lankan|@Colombo|@Sri Jayawardenepura Kotte
Sudan|~Sudanese|Republic of the Sudan|Soudan|Sudán|@Khartoum|@Jartum
Suriname|~Surinamese|Surinam|@Paramaribo
Sweden|~Swedish|Kingdom of Sweden|Suède|Suecia|Sverige|~suédois|@Stockholm|@Estocolmo
Switzerland|~Swiss|Swiss Confederation|Suisse|Confédération suisse|Suiza|Schweiz|@Bern|@Berne|@Berna
Syria|~Syrian|Syrian Arab Republic|Syrie|Siria|@Damascus|@Damas
Tajikistan|~Tajik|Tadjikistan|Tayikistán|@Dushanbe
Tanzania|~Tanzanian|United Republic of Tanzania|Tanzanie|@Dodoma|@Dar es Salaam
Thailand|~Thai|Kingdom of Thailand|Thaïlande|Tailandia|@Bangkok
Timor-Leste|East Timor|~Timorese|Timor Oriental|@Dili
Togo|~Togolese|~Togolaise|@Lomé|@Lome
Tonga|~Tongan|@Nuku'alofa
Trinidad and Tobago|~Trinidadian|Trinité-et-Tobago|Trinidad y Tabago|Trinidad y Tobago|@Port of Spain
Tunisia|~Tunisian|Tunisie|Túnez|@Tunis
Turkey|Türkiye|~Turkish|Republic of Turkey|Turquie|Turquía|@Ankara
Turkmenistan|~Turkmen|Turkménistan|Turkmenistán|@Ashgabat
Tuvalu|~Tuvaluan|@Funafuti
Uganda|~Ugandan|Ouganda|@Kampala
Ukraine|~Ukrainian|Ucrania|@Kyiv|@Kiev
United Arab Emirates|UAE|~Emirati|Émirats arabes unis|Emiratos Árabes Unidos|@Abu Dhabi
United Kingdom|UK|Great Britain|Britain|~British|United Kingdom of Great Britain and Northern Ireland|Foreign and Commonwealth Office|Foreign, Commonwealth and Development Office|Royaume-Uni|Reino Unido|U.K.|~britannique|~británico|@London|@Londres
United States|United States of America|USA|U.S.A.|~American|États-Unis|Estados Unidos|Department of State|State Department|U.S.|US|America|~américain|~estadounidense
Uruguay|~Uruguayan|Oriental Republic of Uruguay|~Uruguayo|@Montevideo
Uzbekistan|~Uzbek|Ouzbékistan|Uzbekistán|@Tashkent|@Tachkent
Vanuatu|~Ni-Vanuatu|@Port Vila
Venezuela|~Venezuelan|Bolivarian Republic of Venezuela|República Bolivariana de Venezuela|~Venezolano|@Caracas
Vietnam|Viet Nam|~Vietnamese|Socialist Republic of Viet Nam|Viêt Nam|@Hanoi|@Hanoï
Yemen|~Yemeni|Republic of Yemen|Yémen|@Sanaa|@Sana'a
Zambia|~Zambian|Zambie|@Lusaka
Zimbabwe|~Zimbabwean|@Harare
Kosovo|~Kosovar|@Pristina
Taiwan|~Taiwanese|Republic of China|@Taipei
"""

# Portuguese names and adjectives, for the letters of Lusophone states and questions about
# others in Portuguese: one state a line, its canonical name first as in STATES.
PORTUGUESE = """
Afghanistan|Afeganistão|~afegão
Albania|Albânia
Algeria|Argélia
Angola|~angolano|~angolana
Argentina|~argentina
Australia|Austrália|~australiano
Austria|Áustria|~austríaco|@Viena
Belgium|Bélgica|~belga|@Bruxelas
Bosnia and Herzegovina|Bósnia e Herzegovina
Brazil|~brasileiro|@Brasília
Bulgaria|Bulgária
Cabo Verde|~cabo-verdiano|@Praia
Cambodia|Camboja
Cameroon|Camarões
Canada|Canadá|~canadiano|~canadense
Chile|~chileno
China|~chinês
Colombia|Colômbia
Croatia|Croácia
Cuba|~cubano
Czech Republic|República Checa|República Tcheca|Chéquia
Democratic Republic of the Congo|República Democrática do Congo
Denmark|Dinamarca|~dinamarquês
Egypt|Egito|Egipto
Ethiopia|Etiópia
Finland|Finlândia
France|França|~francês|@Paris
Germany|Alemanha|~alemão|@Berlim
Greece|Grécia
Guinea-Bissau|Guiné-Bissau|~guineense
India|Índia
Indonesia|Indonésia
Iraq|Iraque
Ireland|Irlanda
Italy|Itália|~italiano
Japan|Japão|~japonês|@Tóquio
Kenya|Quénia|Quênia
Lebanon|Líbano
Malawi|Maláui|Malávi
Mexico|México|~mexicano|@Cidade do México
Morocco|Marrocos
Mozambique|Moçambique|República de Moçambique|~moçambicano|~moçambicana|@Maputo
Netherlands|Países Baixos|Holanda|~neerlandês|~holandês|@Haia
New Zealand|Nova Zelândia|~neozelandês
Nigeria|Nigéria
Norway|Noruega|~norueguês
Pakistan|Paquistão|~paquistanês
Philippines|Filipinas|~filipino
Poland|Polónia|Polônia
Portugal|República Portuguesa|~português|~portuguesa|@Lisboa
Russia|Rússia|Federação da Rússia|~russo
Sao Tome and Principe|São Tomé e Príncipe|~são-tomense
Serbia|Sérvia
South Africa|África do Sul|~sul-africano
Spain|Espanha|Reino de Espanha|~espanhol
Sweden|Suécia|~sueco
Switzerland|Suíça|Confederação Suíça|~suíço|@Berna
Timor-Leste|Timor Leste|~timorense
Turkey|Turquia
United Kingdom|Reino Unido|~britânico|@Londres
United States|Estados Unidos da América|EUA|~norte-americano
Zambia|Zâmbia
Zimbabwe|Zimbabué|Zimbábue
"""

# Names that are also ordinary words or letter boilerplate ("us", "turkey", "chad"): they
# count only when written with a capital letter.
CASE_SENSITIVE = {"us", "chad", "turkey", "guinea", "georgia", "jordan", "lao", "niger"}
MARKS = {"~": "adjective", "@": "capital"}


@dataclass(frozen=True)
class StateName:
    """One way of writing a state's name."""

    state: str  # canonical English name (the table's first column)
    text: str  # the surface form as the table spells it
    how: str  # "name", "adjective" or "capital"

    @property
    def cased(self) -> bool:
        """True when the form counts only with a capital letter ("US", not "us")."""
        return self.text.lower() in CASE_SENSITIVE


@cache
def state_names() -> tuple[StateName, ...]:
    """Every form of every state, in table order (the canonical name first in its line)."""
    names = []
    extra = {line.split("|")[0]: line.split("|")[1:] for line in PORTUGUESE.strip().splitlines()}
    for line in STATES.strip().splitlines():
        parts = line.split("|")
        parts += [alias for alias in extra.get(parts[0], []) if alias not in parts]
        for part in parts:
            how = MARKS.get(part[:1], "name")
            names.append(StateName(parts[0], part.lstrip("~@"), how))
    return tuple(names)


def state_table() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(state, names and adjectives, capitals) for every state, in table order."""
    table: dict[str, tuple[list[str], list[str]]] = {}
    for name in state_names():
        names, capitals = table.setdefault(name.state, ([], []))
        (capitals if name.how == "capital" else names).append(name.text)
    return [(state, tuple(names), tuple(capitals)) for state, (names, capitals) in table.items()]
