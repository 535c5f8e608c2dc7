package xlsx

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// ParseWithin is Parse reading at most elements XML elements, so that a
// test reaches the bound without a file of ten million.
func ParseWithin(data []byte, zone *time.Location, elements int) (request.ImportBatch, error) {
	return parse(data, zone, elements)
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
