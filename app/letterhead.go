package app

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// letterhead reads what heads a printed list or form the app makes itself
// (the classification standard, a weekly check): the company's name, logo
// and zone, and who prints it.
func (d Deps) letterhead(ctx context.Context) (_ pdf.Company, by string, err error) {
	set, err := d.Store.Settings(ctx)
	if err != nil {
		return pdf.Company{}, "", err
	}
	logo, err := d.Store.CompanyLogo(ctx)
	if err != nil {
		return pdf.Company{}, "", err
	}
	if by, err = d.Store.Actor(ctx); err != nil {
		return pdf.Company{}, "", err
	}
	return pdf.Company{Name: set.CompanyName, Logo: logo, Zone: set.TimeZone}, by, nil
}
