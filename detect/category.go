package detect

// Category is a kind of personal data; the keys are those of CONTRACT.md section 1.
type Category string

const (
	PersonName   Category = "person_name"
	Address      Category = "address"
	Phone        Category = "phone"
	Email        Category = "email"
	BirthDate    Category = "birth_date"
	MyNumber     Category = "my_number"
	BankAccount  Category = "bank_account"
	CreditCard   Category = "credit_card"
	Allergy      Category = "allergy"
	Medical      Category = "medical"
	SchoolRecord Category = "school_record"
	Gender       Category = "gender"
	Nationality  Category = "nationality"
)

// Kind says how strongly a category points at one person (CONTRACT.md section 1).
type Kind int

const (
	Quasi     Kind = iota // points at a person only together with others
	Direct                // alone points at one person
	Financial             // 財産的被害のおそれ
	Health                // 要配慮個人情報
)

var kinds = map[Category]Kind{
	PersonName:   Direct,
	Address:      Quasi, // direct with a name; quasi alone
	Phone:        Direct,
	Email:        Direct,
	BirthDate:    Quasi,
	MyNumber:     Direct,
	BankAccount:  Financial,
	CreditCard:   Financial,
	Allergy:      Health,
	Medical:      Health,
	SchoolRecord: Quasi,
	Gender:       Quasi,
	Nationality:  Quasi,
}

// Kind returns the category's kind; unknown (custom) categories are quasi.
func (c Category) Kind() Kind { return kinds[c] }

// Categories lists every built-in category in the order of CONTRACT.md.
var Categories = []Category{
	PersonName, Address, Phone, Email, BirthDate, MyNumber, BankAccount,
	CreditCard, Allergy, Medical, SchoolRecord, Gender, Nationality,
}
