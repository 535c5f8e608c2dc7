// Package app holds the structs bound to the user interface, one per area.
// The same methods serve the desktop window (Wails bindings) and the browser
// (serve mode's HTTP dispatcher). They translate between the UI and internal/
// and hold no business rules; every error leaves here as an apperr.Wire, whose
// text is the JSON the frontend's api layer turns into an AppError.
package app

import (
	"context"
	"log/slog"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Deps are what the bound structs share.
type Deps struct {
	Store   *store.Store
	Log     *slog.Logger
	Version string
	DataDir string
}

// Bindings returns every bound struct, in the order the UI lists its areas.
func Bindings(d Deps) []any {
	return []any{
		&SystemApp{d},
		&SettingsApp{d},
		&CustomersApp{d},
		&RequestsApp{d},
	}
}

// ctx is the context of a call from the UI. Calls are short and the UI has
// no way to cancel them, so a background context serves.
func (d Deps) ctx() context.Context { return context.Background() }

// wire turns err into what the UI can show: user errors pass through with
// their code; anything else is logged in detail and becomes a plain internal
// error, so no SQL or stack ever reaches the user.
func (d Deps) wire(op string, err error) error {
	if err == nil {
		return nil
	}
	if e, ok := apperr.As(err); ok {
		return apperr.Wire{E: e}
	}
	d.Log.Error("unexpected error", "op", op, "err", err)
	return apperr.Wire{E: &apperr.Error{Code: apperr.Internal, Message: "内部错误，请稍后重试；如反复出现请联系管理员"}}
}

func result[T any](d Deps, op string, v T, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, d.wire(op, err)
	}
	return v, nil
}
