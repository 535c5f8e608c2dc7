package store

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/request"
)

// SetSearchLimits lowers request.TotalCap and the points where a search
// is driven by its filters instead (the page; the exact count) for this
// store, so a test reaches them with a few requests; 0 keeps one.
func (s *Store) SetSearchLimits(totalCap, filterFirst, exhaustiveCount int) {
	s.searchLimits = searchLimits{totalCap, filterFirst, exhaustiveCount}
}

// ListRequestsExhaustive is ListRequests reading a search's page by the
// exhaustive query: every match, sorted.
func (s *Store) ListRequestsExhaustive(ctx context.Context, q request.Query) (request.Page, error) {
	return s.listRequests(ctx, q, false)
}
