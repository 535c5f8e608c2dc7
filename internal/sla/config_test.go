package sla_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/sla"
)

func TestCheckSettings(t *testing.T) {
	noWork := sla.DefaultHours()
	for wd := range noWork.Week {
		noWork.Week[wd] = nil
	}
	tests := []struct {
		name    string
		hours   sla.Hours
		dueSoon int
		want    map[string]string // field → key
	}{
		{"OK", sla.DefaultHours(), 25, nil},
		{"ErrDueSoonLow", sla.DefaultHours(), 0, map[string]string{"dueSoonPercent": "out_of_range"}},
		{"ErrDueSoonHigh", sla.DefaultHours(), 91, map[string]string{"dueSoonPercent": "out_of_range"}},
		{"ErrNoWorkingHours", noWork, 25, map[string]string{"hours.week": "no_working_hours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sla.CheckSettings(tt.hours, tt.dueSoon)
			got := map[string]string{}
			if e, ok := apperr.As(err); ok {
				for _, f := range e.Fields {
					got[f.Field] = f.Key
				}
			}
			if len(got) != len(tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("CheckSettings = %v, want %v", err, tt.want)
			}
			for f, k := range tt.want {
				if got[f] != k {
					t.Fatalf("field %s = %q, want %q (%v)", f, got[f], k, err)
				}
			}
		})
	}
}

func TestPolicyRules(t *testing.T) {
	all := []sla.Policy{
		{ID: "p1", Urgency: "normal", Version: 1},
		{ID: "p2", Urgency: "normal", Type: "缺陷", Version: 2},
		{ID: "p3", Urgency: "urgent", Channel: "电话", Version: 1},
	}
	t.Run("CheckUnique", func(t *testing.T) {
		tests := []struct {
			name string
			p    sla.Policy
			want string
		}{
			{"OKNew", sla.Policy{Urgency: "normal", Channel: "电话"}, ""},
			{"OKItself", sla.Policy{ID: "p2", Urgency: "normal", Type: "缺陷"}, ""},
			{"ErrNewDuplicate", sla.Policy{Urgency: "normal"}, "policy_duplicate"},
			{"ErrChangedIntoDuplicate", sla.Policy{ID: "p2", Urgency: "urgent", Channel: "电话"}, "policy_duplicate"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := ""
				if e, ok := apperr.As(sla.CheckUnique(all, tt.p)); ok {
					got = e.Key
				}
				if got != tt.want {
					t.Fatalf("CheckUnique = %q, want %q", got, tt.want)
				}
			})
		}
	})
	t.Run("Find", func(t *testing.T) {
		if p, ok := sla.Find(all, "p2"); !ok || p.Type != "缺陷" {
			t.Fatalf("Find(p2) = %+v, %v", p, ok)
		}
		if _, ok := sla.Find(all, "gone"); ok {
			t.Fatal("Find(gone) found one")
		}
	})
	t.Run("CanDelete", func(t *testing.T) {
		if err := sla.CanDelete(all[1]); err != nil {
			t.Fatalf("narrowed: %v", err)
		}
		if err := sla.CanDelete(all[2]); err != nil {
			t.Fatalf("narrowed to a channel: %v", err)
		}
		if apperr.CodeOf(sla.CanDelete(all[0])) != apperr.Forbidden {
			t.Fatal("the general policy may be deleted")
		}
	})
}
