package command

import "github.com/reqdesk/reqdesk/internal/apperr"

// stale is the error for a change of a thing (a code of apperr.Things)
// based on an outdated version.
func stale(thing string) error {
	return apperr.New(apperr.Conflict, "stale", apperr.P{"thing": apperr.Thing(thing)})
}
