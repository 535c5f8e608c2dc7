package xlsx

import "github.com/reqdesk/reqdesk/internal/request"

// ParseWithin is Parse reading at most elements XML elements, so that a
// test reaches the bound without a file of ten million.
func ParseWithin(data []byte, elements int) (request.ImportBatch, error) {
	return parse(data, elements)
}

// Internals under test.
var (
	ParseDate   = parseDate
	MatchHeader = matchHeader
	ParseScope  = parseScope
	FoldText    = foldText
	ToSerial    = toSerial
	Risky       = risky
)
