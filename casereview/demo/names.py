"""Curated lists of people's names for the synthetic data generator (`casereview seed`).

Everything here is made up for test and demonstration data. People's names are common
given and family names across heritages found in England, combined at random, so any
resemblance to a real person is chance. Places, agencies and job titles are in `places`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heritage:
    """A family background: names, the ONS ethnicity code (vocab.Ethnicity) and the
    languages adults of that background may prefer besides English."""

    key: str
    label: str
    ethnicity: str
    weight: float
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    # (language code, share of adults who prefer it); the rest prefer English.
    languages: tuple[tuple[str, float], ...] = ()
    # Share of school-age children who prefer the family language rather than English.
    child_language_share: float = 0.0
    # Names for the parents' generation where fashions differ from the children's.
    female_adult: tuple[str, ...] = ()
    male_adult: tuple[str, ...] = ()
    # Polish-style surnames: -ski/-cki become -ska/-cka for women and girls.
    gendered_surnames: bool = False
    # Somali and Eritrean naming: a child's second name is the father's given name.
    patronymic: bool = False
    # Sikh middle names ("Kaur", "Singh"), used by this share of people.
    female_middle: str = ""
    male_middle: str = ""
    middle_share: float = 0.0

    def adult_female(self) -> tuple[str, ...]:
        return self.female_adult or self.female

    def adult_male(self) -> tuple[str, ...]:
        return self.male_adult or self.male


# fmt: off
HERITAGES: tuple[Heritage, ...] = (
    Heritage(
        key="white_british",
        label="White British",
        ethnicity="W1",
        weight=0.7,
        female=(
            "Amelia", "Olivia", "Isla", "Ava", "Emily", "Poppy", "Evie", "Ruby", "Freya",
            "Daisy", "Phoebe", "Millie", "Lily", "Grace", "Sophie", "Harper", "Willow",
            "Maisie", "Ivy", "Rosie", "Elsie", "Matilda",
        ),
        male=(
            "Oliver", "George", "Harry", "Jack", "Noah", "Charlie", "Leo", "Alfie", "Freddie",
            "Archie", "Theo", "Oscar", "Jacob", "Thomas", "Riley", "Tommy", "Jayden", "Kai",
            "Mason", "Reggie", "Albie", "Louie",
        ),
        female_adult=(
            "Gemma", "Kirsty", "Leanne", "Stacey", "Hayley", "Danielle", "Jade", "Natalie",
            "Lauren", "Kelly", "Amy", "Charlotte", "Rebecca", "Sarah", "Laura", "Emma",
            "Claire", "Nicola", "Zoe", "Kerry", "Joanne", "Tracey",
        ),
        male_adult=(
            "Daniel", "Craig", "Lee", "Wayne", "Dean", "Jamie", "Ryan", "Liam", "Matthew",
            "Christopher", "Gary", "Darren", "Stuart", "Mark", "Ashley", "Carl", "Scott",
            "Kieran", "Jason", "Adam", "Shaun", "Paul",
        ),
        family=(
            "Smith", "Jones", "Taylor", "Brown", "Wilson", "Walker", "Wright", "Thompson",
            "Robinson", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke",
            "Jackson", "Turner", "Cooper", "Hill", "Ward", "Morris", "Moore", "Baker",
            "Parker", "Bennett", "Shaw", "Marsh", "Holt", "Pearson", "Fletcher", "Barker",
            "Booth", "Fox", "Lowe", "Hargreaves", "Whitworth", "Ashworth", "Pickering",
            "Sutcliffe", "Lloyd", "Price", "Evans", "Davies",
        ),
        languages=(("cy", 0.02),),
    ),
    Heritage(
        key="irish",
        label="Irish",
        ethnicity="W2",
        weight=0.018,
        female=(
            "Aoife", "Niamh", "Siobhán", "Ciara", "Orla", "Caoimhe", "Róisín", "Saoirse",
            "Aisling", "Sinéad", "Clodagh", "Gráinne", "Mairéad", "Bridget", "Erin",
        ),
        male=(
            "Cian", "Oisín", "Conor", "Seán", "Ciarán", "Darragh", "Eoin", "Pádraig",
            "Declan", "Fionn", "Liam", "Ronan", "Tadhg", "Niall", "Colm",
        ),
        family=(
            "Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor",
            "O'Neill", "Doyle", "McCarthy", "Gallagher", "Kavanagh", "Brennan", "Quinn",
            "Flanagan", "Duffy", "Nolan", "Hennessy", "Moran",
        ),
    ),
    Heritage(
        key="polish",
        label="Polish",
        ethnicity="W5",
        weight=0.03,
        female=(
            "Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Alicja", "Natalia",
            "Wiktoria", "Oliwia", "Amelia", "Laura",
        ),
        male=(
            "Jakub", "Szymon", "Filip", "Kacper", "Antoni", "Mikołaj", "Wojciech", "Bartosz",
            "Jan", "Aleksander", "Franciszek", "Igor",
        ),
        female_adult=(
            "Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna", "Małgorzata", "Ewa",
            "Monika", "Karolina", "Justyna", "Beata", "Dorota",
        ),
        male_adult=(
            "Łukasz", "Piotr", "Tomasz", "Krzysztof", "Paweł", "Marcin", "Michał",
            "Grzegorz", "Dariusz", "Rafał", "Adam", "Sebastian",
        ),
        family=(
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński",
            "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski",
            "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski",
            "Nowakowski", "Pawłowski",
        ),
        languages=(("pl", 0.55),),
        child_language_share=0.25,
        gendered_surnames=True,
    ),
    Heritage(
        key="romanian",
        label="Romanian",
        ethnicity="W5",
        weight=0.024,
        female=(
            "Andreea", "Ioana", "Maria", "Elena", "Alexandra", "Mihaela", "Cristina",
            "Gabriela", "Daniela", "Bianca", "Denisa", "Larisa", "Ana", "Teodora", "Raluca",
        ),
        male=(
            "Andrei", "Alexandru", "Ionuț", "Mihai", "Ștefan", "Gabriel", "Florin", "Marius",
            "Constantin", "Vlad", "Cristian", "Adrian", "Darius", "David", "Bogdan",
        ),
        family=(
            "Popescu", "Ionescu", "Popa", "Dumitru", "Stoica", "Stan", "Gheorghe", "Rusu",
            "Munteanu", "Matei", "Constantin", "Ciobanu", "Marin", "Lungu", "Florea", "Ene",
            "Dinu", "Tudor", "Barbu", "Nistor",
        ),
        languages=(("ro", 0.6),),
        child_language_share=0.3,
    ),
    Heritage(
        key="pakistani",
        label="Pakistani",
        ethnicity="A2",
        weight=0.036,
        female=(
            "Aisha", "Fatima", "Maryam", "Zainab", "Hafsa", "Amina", "Khadija", "Iqra", "Sana",
            "Noor", "Ayesha", "Mehreen", "Hira", "Alisha", "Inaya", "Safa",
        ),
        male=(
            "Muhammad", "Ali", "Hamza", "Ibrahim", "Yusuf", "Bilal", "Usman", "Zain", "Ayaan",
            "Rayyan", "Musa", "Haris", "Arslan", "Zayan", "Umar", "Idris",
        ),
        female_adult=(
            "Saima", "Nazia", "Rubina", "Shazia", "Samina", "Farzana", "Nasreen", "Shabana",
            "Uzma", "Rukhsana", "Tahira", "Sadia", "Asma", "Bushra",
        ),
        male_adult=(
            "Imran", "Asif", "Tariq", "Kamran", "Adnan", "Faisal", "Waqas", "Shahid",
            "Rizwan", "Mohammed", "Nadeem", "Sajid", "Khalid", "Zahid",
        ),
        family=(
            "Khan", "Hussain", "Ahmed", "Ali", "Akhtar", "Iqbal", "Mahmood", "Butt", "Rashid",
            "Malik", "Shah", "Qureshi", "Raza", "Sadiq", "Anwar", "Riaz", "Nawaz",
            "Chaudhry", "Javed", "Aslam",
        ),
        languages=(("ur", 0.25), ("pa", 0.10)),
        child_language_share=0.05,
    ),
    Heritage(
        key="bangladeshi",
        label="Bangladeshi",
        ethnicity="A3",
        weight=0.018,
        female=(
            "Ayesha", "Fahima", "Habiba", "Jannat", "Lamia", "Mahira", "Nusrat", "Ruma",
            "Shirin", "Sumaiya", "Tahmina", "Shamima", "Nazmin", "Sadia", "Afsana", "Tasnim",
        ),
        male=(
            "Abdul", "Arif", "Enamul", "Habib", "Jamal", "Kamal", "Mizanur", "Nazrul", "Rahim",
            "Rafiq", "Shahin", "Sohel", "Tanvir", "Zubair", "Rayhan", "Ishaq",
        ),
        family=(
            "Rahman", "Miah", "Uddin", "Islam", "Hoque", "Chowdhury", "Ali", "Ahmed",
            "Hussain", "Sarkar", "Talukdar", "Karim", "Alam", "Haque", "Bhuiyan", "Mollah",
        ),
        languages=(("bn", 0.40),),
        child_language_share=0.05,
    ),
    Heritage(
        key="indian_punjabi",
        label="Indian (Punjabi)",
        ethnicity="A1",
        weight=0.018,
        female=(
            "Harpreet", "Gurpreet", "Manpreet", "Simran", "Jasleen", "Navneet", "Rajvinder",
            "Kiranjit", "Amrit", "Jaspreet", "Parminder", "Harleen", "Sukhdeep", "Baljit",
        ),
        male=(
            "Gurdeep", "Harjit", "Jaswinder", "Kuldip", "Manjit", "Rajinder", "Sukhwinder",
            "Tejinder", "Amandeep", "Arjun", "Harvinder", "Jasvir", "Navdeep", "Ranjit",
        ),
        family=(
            "Sandhu", "Gill", "Dhillon", "Sidhu", "Bains", "Grewal", "Johal", "Sahota", "Kang",
            "Atwal", "Bhamra", "Chahal", "Dhaliwal", "Randhawa", "Mann", "Sangha",
        ),
        languages=(("pa", 0.25),),
        child_language_share=0.05,
        female_middle="Kaur",
        male_middle="Singh",
        middle_share=0.5,
    ),
    Heritage(
        key="indian_gujarati",
        label="Indian (Gujarati)",
        ethnicity="A1",
        weight=0.012,
        female=(
            "Priya", "Pooja", "Nisha", "Hetal", "Krupa", "Bhavna", "Dipti", "Jigna", "Kajal",
            "Riya", "Anaya", "Diya", "Mira", "Shreya", "Asha", "Heena",
        ),
        male=(
            "Raj", "Rohan", "Nikhil", "Amit", "Hitesh", "Jayesh", "Kiran", "Manish", "Pratik",
            "Sanjay", "Vijay", "Aarav", "Dev", "Krish", "Yash", "Neel",
        ),
        family=(
            "Patel", "Shah", "Mistry", "Parmar", "Solanki", "Chauhan", "Desai", "Joshi",
            "Modi", "Thakkar", "Pandya", "Lad", "Rana", "Gohil", "Vaghela", "Mehta",
        ),
        languages=(("gu", 0.25),),
        child_language_share=0.05,
    ),
    Heritage(
        key="somali",
        label="Somali",
        ethnicity="B2",
        weight=0.018,
        female=(
            "Amina", "Hodan", "Fadumo", "Halima", "Hibo", "Ifrah", "Khadra", "Ladan", "Nasra",
            "Sagal", "Sahra", "Ubah", "Warsan", "Yasmin", "Ayan", "Deeqa",
        ),
        male=(
            "Abdirahman", "Abdullahi", "Ahmed", "Ayaan", "Bashir", "Farah", "Hassan",
            "Ismail", "Mohamed", "Mustafe", "Omar", "Said", "Yusuf", "Zakariye", "Liban",
            "Guled",
        ),
        family=(
            "Abdi", "Ali", "Farah", "Hassan", "Hussein", "Ismail", "Jama", "Mohamed",
            "Mohamud", "Nur", "Omar", "Osman", "Warsame", "Yusuf", "Aden", "Egal", "Elmi",
            "Duale",
        ),
        languages=(("so", 0.45),),
        child_language_share=0.1,
        patronymic=True,
    ),
    Heritage(
        key="nigerian",
        label="Nigerian",
        ethnicity="B2",
        weight=0.018,
        female=(
            "Adaeze", "Chiamaka", "Ngozi", "Oluwaseun", "Folake", "Funmilayo", "Adunni",
            "Temitope", "Chidinma", "Nneka", "Bukola", "Yetunde", "Ifeoma", "Blessing",
            "Precious", "Tolani",
        ),
        male=(
            "Chinedu", "Emeka", "Oluwadamilare", "Tunde", "Babatunde", "Obinna", "Ifeanyi",
            "Segun", "Femi", "Chukwuemeka", "Kayode", "Olumide", "Uche", "Tobi", "David",
            "Daniel",
        ),
        family=(
            "Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Adebayo", "Ogunleye",
            "Afolabi", "Olawale", "Okeke", "Chukwu", "Oyelaran", "Adewale", "Ibekwe", "Obi",
            "Onuoha", "Akinola",
        ),
        languages=(("yo", 0.08),),
    ),
    Heritage(
        key="ghanaian",
        label="Ghanaian",
        ethnicity="B2",
        weight=0.012,
        female=(
            "Abena", "Akosua", "Adwoa", "Ama", "Efua", "Esi", "Yaa", "Afua", "Akua", "Serwaa",
            "Gifty", "Comfort", "Mercy", "Nana",
        ),
        male=(
            "Kwame", "Kofi", "Kwabena", "Kwaku", "Yaw", "Kojo", "Kwasi", "Fiifi", "Emmanuel",
            "Samuel", "Ebo", "Kwesi", "Prince", "Nana",
        ),
        family=(
            "Mensah", "Boateng", "Owusu", "Asante", "Appiah", "Osei", "Agyeman", "Amoah",
            "Ofori", "Darko", "Acheampong", "Antwi", "Badu", "Addo", "Frimpong", "Sarpong",
        ),
        # Twi and Fante are not in the vocabulary: recorded as "other language".
        languages=(("other", 0.08),),
    ),
    Heritage(
        key="caribbean",
        label="Caribbean",
        ethnicity="B1",
        weight=0.024,
        female=(
            "Shanice", "Tanisha", "Keisha", "Monique", "Jada", "Aaliyah", "Imani", "Chantelle",
            "Jasmine", "Kiara", "Amara", "Nia", "Zuri", "Tiana",
        ),
        male=(
            "Jermaine", "Marcus", "Tyrone", "Dwayne", "Andre", "Leon", "Kai", "Malachi",
            "Tyrese", "Isaiah", "Jaden", "Elijah", "Josiah", "Nathaniel",
        ),
        female_adult=(
            "Marcia", "Paulette", "Sharon", "Michelle", "Donna", "Andrea", "Beverley",
            "Natasha", "Keisha", "Shanice", "Monique", "Yvonne",
        ),
        male_adult=(
            "Delroy", "Winston", "Clive", "Errol", "Jermaine", "Marcus", "Tyrone", "Dwayne",
            "Andre", "Leon", "Courtney", "Junior",
        ),
        family=(
            "Campbell", "Williams", "Brown", "Francis", "Grant", "Johnson", "Thomas",
            "Clarke", "Reid", "Gordon", "Richards", "Henry", "Lewis", "Morgan", "Bailey",
            "Stewart", "McKenzie", "Forbes",
        ),
    ),
    Heritage(
        key="chinese",
        label="Chinese",
        ethnicity="A4",
        weight=0.012,
        female=(
            "Mei", "Xiu Ying", "Li Na", "Yan", "Hui", "Jia Hui", "Wing Yan", "Ka Man",
            "Siu Ling", "Lai Ying", "Xin Yi", "Chloe", "Grace", "Zi Han",
        ),
        male=(
            "Wei", "Jun", "Hao", "Ming", "Jian", "Zhi Hao", "Ka Wai", "Chi Keung", "Kin Man",
            "Wing Hong", "Yi Chen", "Tao", "Jason", "Kevin",
        ),
        family=(
            "Chan", "Wong", "Li", "Zhang", "Chen", "Lam", "Cheung", "Liu", "Ng", "Lau", "Ho",
            "Leung", "Wang", "Tang", "Yeung", "Lin",
        ),
        languages=(("yue", 0.25), ("zh", 0.20)),
        child_language_share=0.1,
    ),
    Heritage(
        key="arab",
        label="Arab",
        ethnicity="O1",
        weight=0.012,
        female=(
            "Fatima", "Mariam", "Layla", "Rania", "Hala", "Nour", "Yasmin", "Salma", "Amira",
            "Dalia", "Huda", "Reem", "Lina", "Sara", "Zahra",
        ),
        male=(
            "Ahmad", "Omar", "Khalid", "Yousef", "Ibrahim", "Karim", "Tariq", "Samir",
            "Hassan", "Mahmoud", "Fadi", "Adam", "Zaid", "Hamza", "Walid",
        ),
        family=(
            "Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Saleh", "Al-Rashid",
            "Hamdan", "Aziz", "Darwish", "Jaber", "Qasim", "Ibrahim", "Suleiman", "Abbas",
            "Al-Amin",
        ),
        languages=(("ar", 0.5),),
        child_language_share=0.15,
    ),
    Heritage(
        key="kurdish",
        label="Kurdish",
        ethnicity="O2",
        weight=0.012,
        female=(
            "Rojin", "Berivan", "Dilan", "Zilan", "Nazdar", "Shilan", "Avin", "Rezan",
            "Sozdar", "Helin", "Jiyan", "Lana", "Bahar", "Rozhan",
        ),
        male=(
            "Rebin", "Aram", "Karwan", "Dilshad", "Hawar", "Shwan", "Soran", "Rekan", "Azad",
            "Baran", "Zana", "Hoshyar", "Kawa", "Diyar",
        ),
        family=(
            "Ahmed", "Mohammed", "Rasul", "Karim", "Aziz", "Hama", "Saleh", "Abdullah",
            "Qadir", "Mahmud", "Faraj", "Rashid", "Amin", "Jalal", "Othman", "Hassan",
        ),
        languages=(("ku", 0.50), ("fa", 0.05), ("tr", 0.05)),
        child_language_share=0.15,
    ),
    Heritage(
        key="roma",
        label="Roma",
        ethnicity="W4",
        weight=0.012,
        female=(
            "Denisa", "Nikoleta", "Simona", "Vanesa", "Klaudia", "Renata", "Marcela", "Monika",
            "Ramona", "Florentina", "Esmeralda", "Izabela", "Viktória", "Sabina",
        ),
        male=(
            "Marek", "Radek", "Dušan", "Patrik", "Mário", "Ladislav", "Ionel", "Florin",
            "Costel", "Nicolae", "Tibor", "Roman", "Denis", "Erik",
        ),
        family=(
            "Balog", "Horváth", "Lakatoš", "Kotlár", "Oláh", "Dunka", "Gabor", "Rostas",
            "Lingurar", "Stoica", "Ciurar", "Sarközi", "Dudi", "Cina", "Pompa", "Ferenc",
        ),
        languages=(("rom", 0.35), ("ro", 0.15), ("sk", 0.15), ("cs", 0.10)),
        child_language_share=0.2,
    ),
    Heritage(
        key="traveller",
        label="Gypsy or Irish Traveller",
        ethnicity="W3",
        weight=0.012,
        female=(
            "Bridget", "Mary", "Kathleen", "Margaret", "Nora", "Shannon", "Tiffany",
            "Chantelle", "Roseanne", "Caitlin", "Ellen", "Winnie", "Dolores", "Theresa",
        ),
        male=(
            "Patrick", "Michael", "John", "Martin", "Johnny", "Paddy", "Tom", "Jimmy",
            "Francis", "Joe", "Levi", "Noah", "Tyson", "Henry",
        ),
        family=(
            "McDonagh", "Ward", "Connors", "Joyce", "Maughan", "Doherty", "Delaney", "Price",
            "Lee", "Boswell", "Smith", "Lovell", "Stanley", "Purcell", "McGinley", "Keet",
        ),
        languages=(("rom", 0.03),),
    ),
    Heritage(
        key="eritrean",
        label="Eritrean",
        ethnicity="B2",
        weight=0.012,
        female=(
            "Helen", "Senait", "Mebrat", "Selam", "Tsega", "Yodit", "Rahel", "Feven", "Hiwet",
            "Lidya", "Saba", "Winta", "Semhar", "Eden",
        ),
        male=(
            "Yonas", "Dawit", "Tesfay", "Samuel", "Mehari", "Kidane", "Amanuel", "Filmon",
            "Robel", "Habtom", "Tekle", "Berhane", "Yohannes", "Mussie",
        ),
        family=(
            "Tesfaye", "Gebremedhin", "Haile", "Kidane", "Tekle", "Berhe", "Gebreyesus",
            "Mehari", "Woldu", "Abraha", "Ghebremariam", "Hagos", "Asmerom", "Negash",
            "Tewolde",
        ),
        languages=(("ti", 0.60),),
        child_language_share=0.2,
        patronymic=True,
    ),
)
# fmt: on

HERITAGE_BY_KEY = {h.key: h for h in HERITAGES}

# Ethnicity of a child whose parents' backgrounds differ (ONS mixed groups).
BLACK_CARIBBEAN = {"B1"}
BLACK_AFRICAN = {"B2", "B3"}
ASIAN = {"A1", "A2", "A3", "A4", "A5"}


def mixed_ethnicity(a: str, b: str) -> str:
    """The ethnicity code of a child of parents coded `a` and `b`."""
    if a == b:
        return a
    whites = {code for code in (a, b) if code.startswith("W")}
    others = {a, b} - whites
    if not others:
        return "W1" if "W1" in whites else "W5"
    if len(whites) == 1:
        (other,) = others
        if other in BLACK_CARIBBEAN:
            return "M1"
        if other in BLACK_AFRICAN:
            return "M2"
        if other in ASIAN:
            return "M3"
    return "M4"


# Nicknames that are recorded as "other names used" for some children and adults.
NICKNAMES = {
    "Oliver": "Ollie",
    "Alfie": "Alf",
    "Thomas": "Tommy",
    "Jacob": "Jake",
    "Matilda": "Tilly",
    "Amelia": "Millie",
    "Elizabeth": "Lizzie",
    "Christopher": "Chris",
    "Matthew": "Matt",
    "Daniel": "Danny",
    "Rebecca": "Becky",
    "Samantha": "Sam",
    "Aleksander": "Olek",
    "Mikołaj": "Mikołajek",
    "Muhammad": "Mo",
    "Mohammed": "Mo",
    "Abdirahman": "Abdi",
    "Abdullahi": "Abdi",
    "Oluwaseun": "Seun",
    "Oluwadamilare": "Dami",
    "Babatunde": "Tunde",
    "Chukwuemeka": "Emeka",
    "Patrick": "Paddy",
    "Michael": "Mikey",
    "Nathaniel": "Nate",
    "Alexandru": "Alex",
    "Ștefan": "Fane",
    "Yohannes": "John",
}

# Folding of letters that Unicode does not decompose, for usernames and e-mail addresses.
ASCII_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "đ": "d", "ß": "ss"})
