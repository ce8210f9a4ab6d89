package demo

// Name and place lists the organisation is drawn from. They are invented
// for the demo: common given names and surnames per country, and the cities
// employees live in with approximate coordinates.

var givenNames = map[string][]string{
	"GB": {"Oliver", "George", "Harry", "Jack", "Charlie", "Thomas", "James", "William", "Daniel", "Samuel",
		"Joseph", "Henry", "Alfie", "Oscar", "Edward", "Callum", "Ryan", "Liam", "Adam", "Matthew",
		"Olivia", "Amelia", "Isla", "Emily", "Sophie", "Grace", "Lily", "Chloe", "Ella", "Jessica",
		"Charlotte", "Hannah", "Lucy", "Megan", "Holly", "Eleanor", "Rebecca", "Abigail", "Zara", "Priya"},
	"DE": {"Lukas", "Leon", "Jonas", "Felix", "Maximilian", "Paul", "Elias", "Finn", "Niklas", "Tobias",
		"Jan", "Moritz", "Florian", "Sebastian", "Stefan", "Matthias", "Tim", "Philipp", "Andreas", "Markus",
		"Anna", "Lena", "Laura", "Lea", "Sophie", "Julia", "Hannah", "Katharina", "Sarah", "Johanna",
		"Marie", "Lisa", "Clara", "Franziska", "Miriam", "Sabine", "Melanie", "Carina", "Nina", "Emre"},
	"US": {"Michael", "Christopher", "Matthew", "Joshua", "David", "Andrew", "Ryan", "Brandon", "Justin", "Tyler",
		"Kevin", "Brian", "Jason", "Eric", "Anthony", "Marcus", "Carlos", "Jose", "Kenji", "Ethan",
		"Jessica", "Ashley", "Jennifer", "Amanda", "Sarah", "Stephanie", "Nicole", "Megan", "Lauren", "Rachel",
		"Emily", "Samantha", "Brittany", "Danielle", "Maria", "Alicia", "Keisha", "Mei", "Olivia", "Madison"},
	"SG": {"Wei Ming", "Jun Jie", "Zhi Hao", "Kai Wen", "Jia Hui", "Hui Min", "Xin Yi", "Li Ting", "Shu Fen", "Mei Ling",
		"Muhammad", "Ahmad", "Hafiz", "Nurul", "Siti", "Farah", "Rajesh", "Arjun", "Priya", "Kavitha",
		"Daniel", "Marcus", "Ryan", "Rachel", "Michelle", "Joanne", "Benjamin", "Gabriel", "Cheryl", "Vanessa"},
}

var surnames = map[string][]string{
	"GB": {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
		"Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
		"Patel", "Hughes", "Edwards", "Turner", "Hill", "Cooper", "Ward", "Morris", "Moore", "King",
		"Harris", "Baker", "Lewis", "Khan", "Bennett", "Gray", "Shaw", "Ellis", "Mitchell", "Price"},
	"DE": {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
		"Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
		"Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
		"Yilmaz", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters"},
	"US": {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
		"Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
		"Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
		"Walker", "Young", "Allen", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker"},
	"SG": {"Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh",
		"Teo", "Ang", "Yeo", "Tay", "Ho", "Low", "Toh", "Sim", "Chong", "Chia",
		"Abdullah", "Rahman", "Ismail", "Hassan", "Kumar", "Nair", "Pillai", "Singh", "Menon", "Raj"},
}

// place is a city with the location details Entra ID reports for it.
type place struct {
	City, State, Country string // Country is the ISO 3166 alpha-2 code
	Lat, Lon             float64
}

// homePlaces are the cities employees of each office live in; the first is
// the office city itself and the most likely.
var homePlaces = map[string][]place{
	"GB": {
		{"London", "London", "GB", 51.5072, -0.1276},
		{"Croydon", "London", "GB", 51.3762, -0.0982},
		{"Reading", "Berkshire", "GB", 51.4543, -0.9781},
		{"Watford", "Hertfordshire", "GB", 51.6565, -0.3903},
		{"Brighton", "East Sussex", "GB", 50.8225, -0.1372},
		{"Guildford", "Surrey", "GB", 51.2362, -0.5704},
		{"Manchester", "Manchester", "GB", 53.4808, -2.2426},
	},
	"DE": {
		{"Berlin", "Berlin", "DE", 52.5200, 13.4050},
		{"Potsdam", "Brandenburg", "DE", 52.3906, 13.0645},
		{"Oranienburg", "Brandenburg", "DE", 52.7545, 13.2369},
		{"Leipzig", "Saxony", "DE", 51.3397, 12.3731},
		{"Hamburg", "Hamburg", "DE", 53.5511, 9.9937},
	},
	"US": {
		{"New York", "New York", "US", 40.7128, -74.0060},
		{"Brooklyn", "New York", "US", 40.6782, -73.9442},
		{"Jersey City", "New Jersey", "US", 40.7178, -74.0431},
		{"Hoboken", "New Jersey", "US", 40.7440, -74.0324},
		{"Stamford", "Connecticut", "US", 41.0534, -73.5387},
		{"Boston", "Massachusetts", "US", 42.3601, -71.0589},
	},
	"SG": {
		{"Singapore", "Singapore", "SG", 1.3521, 103.8198},
	},
}

// ispPrefixes are the /16 networks home broadband and mobile addresses of
// each country are drawn from. They stand for consumer ISPs; the demo only
// needs them to be public, stable per user and consistent per country.
var ispPrefixes = map[string][]string{
	"GB": {"81.2", "86.133", "92.24", "109.155", "82.132", "90.214"},
	"DE": {"84.132", "87.123", "91.64", "93.199", "79.212", "95.90"},
	"US": {"73.45", "98.116", "24.90", "71.190", "68.174", "47.20"},
	"SG": {"116.86", "118.200", "175.156", "42.61"},
}
