package xlsx

// Internals under test.
var (
	ParseDate   = parseDate
	MatchHeader = matchHeader
	ParseScope  = parseScope
	FoldText    = foldText
	ToSerial    = toSerial
	Risky       = risky
)
