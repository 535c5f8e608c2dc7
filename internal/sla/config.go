package sla

import "github.com/reqdesk/reqdesk/internal/apperr"

// The rules for changing the time-limit configuration: the working
// calendar's settings and the policies.

// Bounds of the due-soon threshold, in percent of a clock's allowance.
const (
	MinDueSoonPercent = 1
	MaxDueSoonPercent = 90
)

// CheckSettings validates the working hours and the due-soon threshold
// (dueSoonPercent: a running clock is due soon when less than this share of
// its allowance remains). Field errors are named hours.… and
// dueSoonPercent.
func CheckSettings(h Hours, dueSoonPercent int) error {
	var fe apperr.Fields
	if err := h.Validate(); err != nil {
		if e, ok := apperr.As(err); ok {
			for _, f := range e.Fields {
				fe.AddParams("hours."+f.Field, f.Key, f.Params)
			}
		}
	}
	if dueSoonPercent < MinDueSoonPercent || dueSoonPercent > MaxDueSoonPercent {
		fe.AddParams("dueSoonPercent", "out_of_range", map[string]any{"min": MinDueSoonPercent, "max": MaxDueSoonPercent})
	}
	return fe.Err()
}

// CheckUnique refuses p when another policy of all (one whose ID is not
// p's) applies to the same urgency, type and channel: Pick must find one
// policy for a request, not two.
func CheckUnique(all []Policy, p Policy) error {
	for _, x := range all {
		if x.ID != p.ID && x.Urgency == p.Urgency && x.Type == p.Type && x.Channel == p.Channel {
			return apperr.New(apperr.Conflict, "policy_duplicate", nil)
		}
	}
	return nil
}

// Find returns the policy of all with id.
func Find(all []Policy, id string) (Policy, bool) {
	for _, p := range all {
		if p.ID == id {
			return p, true
		}
	}
	return Policy{}, false
}

// CanDelete refuses to delete the general policy of an urgency (one
// narrowed to neither a type nor a channel): every request needs one.
func CanDelete(p Policy) error {
	if p.Type == "" && p.Channel == "" {
		return apperr.New(apperr.Forbidden, "policy_base_kept", nil)
	}
	return nil
}
