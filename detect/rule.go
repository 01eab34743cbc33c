package detect

// Match is one value found in a piece of prose.
type Match struct {
	Category Category
	Rule     string // the ID of the rule that found it
	Start    int    // byte offset of the value in the folded text given to Find
	End      int
	Value    string // normalised value (digits only for numbers); for counting and masking, never printed
}

// Rule finds one kind of personal data. A Rule is immutable after
// construction and safe for concurrent use.
type Rule interface {
	ID() string
	Category() Category
	// Prefilter says what a piece of text must hold for Find to be worth running.
	Prefilter() Prefilter
	// Find appends to dst the matches in s, a width-folded piece of prose.
	Find(s string, dst []Match) []Match
	// Value reports whether v, one table value (folded and trimmed), is an
	// instance of the rule's kind, and returns it normalised. header says
	// whether the column's header names this category: a laxer test may then
	// apply, and context-bound kinds (birth dates) accept values only then.
	Value(v string, header bool) (norm string, ok bool)
	// Headers are column headers that name this category, in folded form;
	// they are compared case-insensitively after removing spaces.
	Headers() []string
	// Mask returns a form of a normalised value that shows its kind and
	// never equals or contains the value.
	Mask(norm string) string
	// Examples are the rule's own true and false positives; one registry
	// test runs them all through the real detector.
	Examples() []Example
}

// Prefilter is the cheap test run before a rule: the text must hold at least
// MinDigits ASCII digits (after folding), and one of AnyOf's strings when
// AnyOf is not empty.
type Prefilter struct {
	MinDigits int
	AnyOf     []string
}

// Example is a case a rule must get right.
type Example struct {
	Text   string // prose, or one table value when Cell is set
	Cell   bool   // Text is a table value, tested with Value
	Header bool   // for a Cell example: the column header names the category
	Want   bool   // the rule must find it (true) or must not (false)
}

// Companioned is implemented by rules whose values prove nothing alone (a
// 7-digit account number looks like any code): the column classifier
// accepts such a column by its values only when the table also has a column
// whose header holds one of Companions (銀行名, 支店名, 預金種目 ...). A column
// whose own header names the category needs no companion.
type Companioned interface {
	Companions() []string
}

// ValueSharer is implemented by rules whose value test is precise enough (a
// lexicon) that a column is theirs when a smaller share of its distinct
// values than the classifier's default passes it.
type ValueSharer interface {
	ValueShare() float64
}
