# ruff: noqa: E501  (a data table: one state a line reads best)
"""States of the world as letters name them: English name, other names and adjectives, the
French and Spanish names, and the capital (after "@", weaker evidence: embassies sit in
foreign capitals). One state a line; the first name is the one reported."""

from __future__ import annotations

STATES = """
Afghanistan|Afghan|Islamic Republic of Afghanistan|Afghanistán|@Kabul
Albania|Albanian|Albanie|@Tirana|@Tirane
Algeria|Algerian|Algérie|Argelia|People's Democratic Republic of Algeria|@Algiers|@Alger
Andorra|Andorran|Andorre|@Andorra la Vella
Angola|Angolan|@Luanda
Antigua and Barbuda|Antigua|Antigua-et-Barbuda|Antigua y Barbuda|@St. John's
Argentina|Argentine|Argentinian|Argentine Republic|República Argentina|Argentinien|@Buenos Aires
Armenia|Armenian|Arménie|@Yerevan|@Erevan
Australia|Australian|Commonwealth of Australia|Australie|@Canberra
Austria|Austrian|Autriche|Österreich|Republic of Austria|@Vienna|@Wien|@Vienne|@Viena
Azerbaijan|Azerbaijani|Azerbaïdjan|Azerbaiyán|@Baku|@Bakou
Bahamas|Bahamian|The Bahamas|@Nassau
Bahrain|Bahraini|Kingdom of Bahrain|Bahreïn|Baréin|@Manama
Bangladesh|Bangladeshi|People's Republic of Bangladesh|@Dhaka|@Dacca
Barbados|Barbadian|Barbade|@Bridgetown
Belarus|Belarusian|Biélorussie|Bélarus|Belarús|Bielorrusia|@Minsk
Belgium|Belgian|Belgique|Bélgica|Kingdom of Belgium|@Brussels|@Bruxelles|@Bruselas
Belize|Belizean|Belice|@Belmopan
Benin|Beninese|Bénin|Benín|@Porto-Novo|@Cotonou
Bhutan|Bhutanese|Bhoutan|Bután|@Thimphu
Bolivia|Bolivian|Plurinational State of Bolivia|Bolivie|Estado Plurinacional de Bolivia|@La Paz|@Sucre
Bosnia and Herzegovina|Bosnian|Bosnia|Bosnie-Herzégovine|Bosnia y Herzegovina|@Sarajevo
Botswana|Motswana|Batswana|@Gaborone
Brazil|Brazilian|Federative Republic of Brazil|Brésil|Brasil|Brasileño|Brasileira|República Federativa do Brasil|@Brasília|@Brasilia
Brunei|Brunei Darussalam|Bruneian|Brunéi|@Bandar Seri Begawan
Bulgaria|Bulgarian|Bulgarie|@Sofia|@Sofía
Burkina Faso|Burkinabe|Burkinabè|@Ouagadougou
Burundi|Burundian|Burundais|@Gitega|@Bujumbura
Cabo Verde|Cape Verde|Cape Verdean|Cap-Vert|@Praia
Cambodia|Cambodian|Kingdom of Cambodia|Cambodge|Camboya|@Phnom Penh
Cameroon|Cameroonian|Cameroun|Camerún|@Yaoundé|@Yaounde
Canada|Canadian|Canadien|Canadienne|Canadá|Gouvernement du Canada|@Ottawa
Central African Republic|Central African|République centrafricaine|República Centroafricana|@Bangui
Chad|Chadian|Republic of Chad|Tchad|Chadien|@N'Djamena|@Ndjamena
Chile|Chilean|Republic of Chile|Chili|República de Chile|@Santiago
China|Chinese|People's Republic of China|Chine|República Popular China|@Beijing|@Pékin|@Pekín
Colombia|Colombian|Republic of Colombia|Colombie|@Bogotá|@Bogota
Comoros|Comorian|Comores|Comoras|@Moroni
Congo|Republic of the Congo|Congo-Brazzaville|Congolese Republic|République du Congo|@Brazzaville
Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|République démocratique du Congo|República Democrática del Congo|@Kinshasa
Costa Rica|Costa Rican|Costarricense|@San José
Côte d'Ivoire|Cote d'Ivoire|Ivory Coast|Ivorian|Ivoirien|Costa de Marfil|@Yamoussoukro|@Abidjan
Croatia|Croatian|Croatie|Croacia|Hrvatska|@Zagreb
Cuba|Cuban|Cubano|Cubana|@Havana|@La Habana
Cyprus|Cypriot|Chypre|Chipre|@Nicosia|@Nicosie
Czech Republic|Czechia|Czech|République tchèque|República Checa|Chequia|@Prague|@Praha|@Praga
Denmark|Danish|Kingdom of Denmark|Danemark|Dinamarca|@Copenhagen|@Copenhague
Djibouti|Djiboutian|Yibuti|@Djibouti City
Dominica|Dominique|Commonwealth of Dominica|@Roseau
Dominican Republic|Dominican|République dominicaine|República Dominicana|@Santo Domingo
Ecuador|Ecuadorian|Équateur|Ecuatoriano|@Quito
Egypt|Egyptian|Arab Republic of Egypt|Égypte|Egipto|@Cairo|@Le Caire|@El Cairo
El Salvador|Salvadoran|Salvador|Salvadoreño|@San Salvador
Equatorial Guinea|Equatoguinean|Guinée équatoriale|Guinea Ecuatorial|@Malabo
Eritrea|Eritrean|Érythrée|@Asmara
Estonia|Estonian|Estonie|@Tallinn
Eswatini|Swaziland|Swazi|@Mbabane
Ethiopia|Ethiopian|Éthiopie|Etiopía|@Addis Ababa|@Addis-Abeba
Fiji|Fijian|Fidji|Fiyi|@Suva
Finland|Finnish|Finlande|Finlandia|Suomi|@Helsinki
France|French|French Republic|République française|Française|Francia|Francés|@Paris
Gabon|Gabonese|Gabonaise|Gabón|@Libreville
Gambia|Gambian|The Gambia|Gambie|@Banjul
Georgia|Georgian|Géorgie|@Tbilisi
Germany|German|Federal Republic of Germany|Deutschland|Bundesrepublik Deutschland|Auswärtiges Amt|Allemagne|Alemania|Allemand|@Berlin|@Bonn
Ghana|Ghanaian|@Accra
Greece|Greek|Hellenic Republic|Grèce|Grecia|@Athens|@Athènes|@Atenas
Grenada|Grenadian|Grenade|Granada|@St. George's
Guatemala|Guatemalan|Guatemalteco|@Guatemala City
Guinea|Guinean|Republic of Guinea|Guinée|@Conakry
Guinea-Bissau|Bissau-Guinean|Guinée-Bissau|@Bissau
Guyana|Guyanese|@Georgetown
Haiti|Haitian|Haïti|Haití|@Port-au-Prince
Holy See|Vatican|Saint-Siège|Santa Sede|@Vatican City
Honduras|Honduran|Hondureño|@Tegucigalpa
Hungary|Hungarian|Hongrie|Hungría|Magyarország|@Budapest
Iceland|Icelandic|Islande|Islandia|@Reykjavik|@Reykjavík
India|Indian|Republic of India|Inde|@New Delhi|@Delhi
Indonesia|Indonesian|Republic of Indonesia|Indonésie|@Jakarta
Iran|Iranian|Islamic Republic of Iran|République islamique d'Iran|Irán|@Tehran|@Téhéran|@Teherán
Iraq|Iraqi|Republic of Iraq|Irak|@Baghdad|@Bagdad
Ireland|Irish|Republic of Ireland|Irlande|Irlanda|Éire|@Dublin
Israel|Israeli|State of Israel|Israël|@Jerusalem|@Tel Aviv
Italy|Italian|Italian Republic|Italie|Italia|@Rome|@Roma
Jamaica|Jamaican|Jamaïque|@Kingston
Japan|Japanese|Japon|Japón|@Tokyo|@Tokio
Jordan|Jordanian|Hashemite Kingdom of Jordan|Jordanie|Jordania|@Amman
Kazakhstan|Kazakh|Kazakhstani|Kazajstán|@Astana|@Nur-Sultan
Kenya|Kenyan|@Nairobi
Kiribati|I-Kiribati|@Tarawa
Kuwait|Kuwaiti|State of Kuwait|Koweït|@Kuwait City
Kyrgyzstan|Kyrgyz|Kirghizistan|Kirguistán|@Bishkek
Laos|Lao|Lao PDR|Lao People's Democratic Republic|Laotian|République démocratique populaire lao|República Democrática Popular Lao|@Vientiane
Latvia|Latvian|Lettonie|Letonia|@Riga
Lebanon|Lebanese|Lebanese Republic|Liban|République libanaise|Líbano|República Libanesa|@Beirut|@Beyrouth
Lesotho|Basotho|@Maseru
Liberia|Liberian|@Monrovia
Libya|Libyan|Libye|Libia|@Tripoli
Liechtenstein|@Vaduz
Lithuania|Lithuanian|Lituanie|Lituania|@Vilnius
Luxembourg|Luxembourgish|Grand Duchy of Luxembourg|Luxemburgo|@Luxembourg City
Madagascar|Malagasy|@Antananarivo
Malawi|Malawian|@Lilongwe
Malaysia|Malaysian|Malaisie|Malasia|@Kuala Lumpur|@Putrajaya
Maldives|Maldivian|@Malé
Mali|Malian|Malien|@Bamako
Malta|Maltese|Malte|@Valletta
Marshall Islands|Marshallese|Îles Marshall|Islas Marshall|@Majuro
Mauritania|Mauritanian|Mauritanie|@Nouakchott
Mauritius|Mauritian|Maurice|Mauricio|@Port Louis
Mexico|Mexican|United Mexican States|Mexique|México|Estados Unidos Mexicanos|Mexicano|@Mexico City|@Ciudad de México
Micronesia|Micronesian|Federated States of Micronesia|@Palikir
Moldova|Moldovan|Republic of Moldova|Moldavie|Moldavia|@Chisinau|@Chișinău
Monaco|Monegasque|Monégasque|Mónaco
Mongolia|Mongolian|Mongolie|@Ulaanbaatar|@Ulan Bator
Montenegro|Montenegrin|Monténégro|@Podgorica
Morocco|Moroccan|Kingdom of Morocco|Maroc|Marruecos|@Rabat
Mozambique|Mozambican|Moçambique|@Maputo
Myanmar|Burma|Burmese|Birmanie|Birmania|@Naypyidaw|@Nay Pyi Taw|@Yangon
Namibia|Namibian|Namibie|@Windhoek
Nauru|Nauruan|@Yaren
Nepal|Nepalese|Nepali|Népal|@Kathmandu
Netherlands|Dutch|Kingdom of the Netherlands|Holland|Pays-Bas|Países Bajos|Nederland|@The Hague|@Amsterdam|@La Haye
New Zealand|New Zealander|Nouvelle-Zélande|Nueva Zelandia|Nueva Zelanda|Aotearoa|@Wellington
Nicaragua|Nicaraguan|Nicaragüense|@Managua
Niger|Nigerien|Republic of the Niger|Níger|@Niamey
Nigeria|Nigerian|Federal Republic of Nigeria|Nigéria|@Abuja
North Korea|Democratic People's Republic of Korea|DPRK|République populaire démocratique de Corée|República Popular Democrática de Corea|@Pyongyang
North Macedonia|Macedonia|Macedonian|Former Yugoslav Republic of Macedonia|Macédoine du Nord|Macedonia del Norte|@Skopje
Norway|Norwegian|Kingdom of Norway|Royal Norwegian|Norvège|Noruega|Norge|@Oslo
Oman|Omani|Sultanate of Oman|Omán|@Muscat|@Mascate
Pakistan|Pakistani|Islamic Republic of Pakistan|Pakistán|@Islamabad
Palau|Palauan|Palaos|@Ngerulmud|@Melekeok
Palestine|Palestinian|State of Palestine|@Ramallah
Panama|Panamanian|Panamá|Panameño|@Panama City
Papua New Guinea|Papua New Guinean|Papouasie-Nouvelle-Guinée|Papúa Nueva Guinea|@Port Moresby
Paraguay|Paraguayan|Paraguayo|@Asunción|@Asuncion
Peru|Peruvian|Republic of Peru|Pérou|Perú|Peruano|@Lima
Philippines|Philippine|Filipino|Republic of the Philippines|Filipinas|@Manila
Poland|Polish|Republic of Poland|Pologne|Polonia|Polska|@Warsaw|@Varsovie|@Varsovia
Portugal|Portuguese|Portuguesa|Portugais|@Lisbon|@Lisboa|@Lisbonne
Qatar|Qatari|State of Qatar|Catar|@Doha
Romania|Romanian|Roumanie|Rumania|@Bucharest|@Bucarest
Russia|Russian|Russian Federation|Fédération de Russie|Russie|Federación de Rusia|Rusia|@Moscow|@Moscou|@Moscú
Rwanda|Rwandan|Ruanda|@Kigali
Saint Kitts and Nevis|St Kitts and Nevis|Saint-Kitts-et-Nevis|San Cristóbal y Nieves|@Basseterre
Saint Lucia|St Lucia|Saint Lucian|Sainte-Lucie|Santa Lucía|@Castries
Saint Vincent and the Grenadines|St Vincent and the Grenadines|Saint-Vincent-et-les-Grenadines|San Vicente y las Granadinas|@Kingstown
Samoa|Samoan|@Apia
San Marino|Sammarinese|Saint-Marin
Sao Tome and Principe|São Tomé and Príncipe|Sao Tomé-et-Principe|Santo Tomé y Príncipe|@São Tomé
Saudi Arabia|Saudi|Kingdom of Saudi Arabia|Arabie saoudite|Arabia Saudita|@Riyadh|@Riyad
Senegal|Senegalese|Sénégal|@Dakar
Serbia|Serbian|Republic of Serbia|Serbie|@Belgrade|@Belgrado
Seychelles|Seychellois
Sierra Leone|Sierra Leonean|@Freetown
Singapore|Singaporean|Singapour|Singapur
Slovakia|Slovak|Slovak Republic|Slovaquie|Eslovaquia|@Bratislava
Slovenia|Slovenian|Slovene|Slovénie|Eslovenia|@Ljubljana|@Liubliana
Solomon Islands|Solomon Islander|Îles Salomon|Islas Salomón|@Honiara
Somalia|Somali|Somalie|@Mogadishu|@Mogadiscio
South Africa|South African|Republic of South Africa|Afrique du Sud|Sudáfrica|@Pretoria|@Cape Town
South Korea|Republic of Korea|Korean|Korea|République de Corée|República de Corea|Corea del Sur|@Seoul|@Séoul|@Seúl
South Sudan|South Sudanese|Soudan du Sud|Sudán del Sur|@Juba
Spain|Spanish|Kingdom of Spain|Espagne|España|Reino de España|Español|@Madrid
Sri Lanka|Sri Lankan|@Colombo|@Sri Jayawardenepura Kotte
Sudan|Sudanese|Republic of the Sudan|Soudan|Sudán|@Khartoum|@Jartum
Suriname|Surinamese|Surinam|@Paramaribo
Sweden|Swedish|Kingdom of Sweden|Suède|Suecia|Sverige|@Stockholm|@Estocolmo
Switzerland|Swiss|Swiss Confederation|Suisse|Confédération suisse|Suiza|Schweiz|@Bern|@Berne|@Berna
Syria|Syrian|Syrian Arab Republic|Syrie|Siria|@Damascus|@Damas
Tajikistan|Tajik|Tadjikistan|Tayikistán|@Dushanbe
Tanzania|Tanzanian|United Republic of Tanzania|Tanzanie|@Dodoma|@Dar es Salaam
Thailand|Thai|Kingdom of Thailand|Thaïlande|Tailandia|@Bangkok
Timor-Leste|East Timor|Timorese|Timor Oriental|@Dili
Togo|Togolese|Togolaise|@Lomé|@Lome
Tonga|Tongan|@Nuku'alofa
Trinidad and Tobago|Trinidadian|Trinité-et-Tobago|Trinidad y Tabago|Trinidad y Tobago|@Port of Spain
Tunisia|Tunisian|Tunisie|Túnez|@Tunis
Turkey|Türkiye|Turkish|Republic of Turkey|Turquie|Turquía|@Ankara
Turkmenistan|Turkmen|Turkménistan|Turkmenistán|@Ashgabat
Tuvalu|Tuvaluan|@Funafuti
Uganda|Ugandan|Ouganda|@Kampala
Ukraine|Ukrainian|Ucrania|@Kyiv|@Kiev
United Arab Emirates|UAE|Emirati|Émirats arabes unis|Emiratos Árabes Unidos|@Abu Dhabi
United Kingdom|UK|Great Britain|Britain|British|United Kingdom of Great Britain and Northern Ireland|Foreign and Commonwealth Office|Foreign, Commonwealth and Development Office|Royaume-Uni|Reino Unido|@London|@Londres
United States|United States of America|USA|U.S.A.|American|États-Unis|Estados Unidos|Department of State|State Department
Uruguay|Uruguayan|Oriental Republic of Uruguay|Uruguayo|@Montevideo
Uzbekistan|Uzbek|Ouzbékistan|Uzbekistán|@Tashkent|@Tachkent
Vanuatu|Ni-Vanuatu|@Port Vila
Venezuela|Venezuelan|Bolivarian Republic of Venezuela|República Bolivariana de Venezuela|Venezolano|@Caracas
Vietnam|Viet Nam|Vietnamese|Socialist Republic of Viet Nam|Viêt Nam|@Hanoi|@Hanoï
Yemen|Yemeni|Republic of Yemen|Yémen|@Sanaa|@Sana'a
Zambia|Zambian|Zambie|@Lusaka
Zimbabwe|Zimbabwean|@Harare
Kosovo|Kosovar|@Pristina
Taiwan|Taiwanese|Republic of China|@Taipei
"""


def state_table() -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(state, names and adjectives, capitals) for every state."""
    table = []
    for line in STATES.strip().splitlines():
        parts = line.split("|")
        names = tuple(p for p in parts if not p.startswith("@"))
        capitals = tuple(p[1:] for p in parts if p.startswith("@"))
        table.append((parts[0], names, capitals))
    return table
