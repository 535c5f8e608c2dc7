package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Sum is what one measure adds up over a set of rows: the rows it measured
// (a rate's denominator, an average's population), a rate's hits and an
// average's total. Sums of two sets of rows add up to the sum of both, so a
// period's measures can be kept once and combined with rows read later.
type Sum struct {
	N     int     `json:"n"`
	Hits  int     `json:"hits"`
	Total float64 `json:"total"`
}

// Sums are every measure's sum over a set of rows, in the order of
// Measures, with the rows counted and those solved (the trend lines' bars).
type Sums struct {
	Rows   int   `json:"rows"`
	Solved int   `json:"solved"`
	M      []Sum `json:"m"`
}

// measureIndex finds a measure's place in Measures.
var measureIndex = func() map[MeasureID]int {
	m := make(map[MeasureID]int, len(Measures))
	for i, d := range Measures {
		m[d.ID] = i
	}
	return m
}()

// Summarize adds up every measure over rows in one pass.
func Summarize(rows []Row, c *Context) Sums {
	s := Sums{M: make([]Sum, len(Measures))}
	for i := range rows {
		s.add(&rows[i], c)
	}
	return s
}

// add counts row r in.
func (s *Sums) add(r *Row, c *Context) {
	s.Rows++
	if r.Solved() {
		s.Solved++
	}
	for j := range Measures {
		Measures[j].add(&s.M[j], r, c)
	}
}

// Add adds the sums of another set of rows.
func (s *Sums) Add(o Sums) {
	if s.M == nil {
		s.M = make([]Sum, len(Measures))
	}
	s.Rows += o.Rows
	s.Solved += o.Solved
	for i := range o.M {
		s.M[i].N += o.M[i].N
		s.M[i].Hits += o.M[i].Hits
		s.M[i].Total += o.M[i].Total
	}
}

// Value is the measure id's value over the rows summed.
func (s Sums) Value(id MeasureID) Value {
	i, ok := measureIndex[id]
	if !ok {
		return Value{ID: id}
	}
	var sum Sum
	if i < len(s.M) {
		sum = s.M[i]
	}
	return Measures[i].value(sum)
}

// add counts row r into the measure's sum.
func (d *Def) add(s *Sum, r *Row, c *Context) {
	if !d.In(r, c) {
		return
	}
	s.N++
	switch d.Kind {
	case KindRate:
		if d.Hit(r, c) {
			s.Hits++
		}
	case KindAverage:
		s.Total += d.Value(r, c)
	}
}

// value turns a sum into the measure's value: the count, the rate in
// percent, or the average.
func (d *Def) value(s Sum) Value {
	v := Value{ID: d.ID, N: s.N, Hits: s.Hits}
	switch {
	case d.Kind == KindCount:
		x := float64(s.N)
		v.Value = &x
	case s.N == 0:
	case d.Kind == KindRate:
		x := round(float64(s.Hits)*100/float64(s.N), 1)
		v.Value = &x
	default:
		x := round(s.Total/float64(s.N), 2)
		v.Value = &x
	}
	return v
}

// SumsVersion changes whenever what a measure counts changes, so sums kept
// by an older program are made again. TestSumsVersion fails when the
// measures count a fixed set of rows differently and this stayed the same.
const SumsVersion = 3

// Fingerprint names what kept sums depend on besides the rows: the measures
// (SumsVersion), the types the configuration counts as improvements and
// complaints, and the time zone promised delivery days are read in. Sums
// with another fingerprint are made again.
func (c Config) Fingerprint() string {
	loc := "Local"
	if c.Location != nil {
		loc = c.Location.String()
	}
	b, _ := json.Marshal([]any{SumsVersion, c.ImprovementTypes, c.ComplaintTypes, loc})
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// storedSums is how sums are kept: each measure's n, hits and total under
// its id, so a stored sum is never read into another measure's place.
type storedSums struct {
	Rows   int                      `json:"rows"`
	Solved int                      `json:"solved"`
	M      map[MeasureID][3]float64 `json:"m"`
}

// MarshalSums encodes sums to be kept.
func MarshalSums(s Sums) ([]byte, error) {
	out := storedSums{Rows: s.Rows, Solved: s.Solved, M: make(map[MeasureID][3]float64, len(s.M))}
	for i, v := range s.M {
		out.M[Measures[i].ID] = [3]float64{float64(v.N), float64(v.Hits), v.Total}
	}
	return json.Marshal(out)
}

// UnmarshalSums reads what MarshalSums wrote; it refuses sums that lack a
// measure.
func UnmarshalSums(b []byte) (Sums, error) {
	var raw storedSums
	if err := json.Unmarshal(b, &raw); err != nil {
		return Sums{}, err
	}
	s := Sums{Rows: raw.Rows, Solved: raw.Solved, M: make([]Sum, len(Measures))}
	for i, d := range Measures {
		v, ok := raw.M[d.ID]
		if !ok {
			return Sums{}, fmt.Errorf("kept sums lack measure %s", d.ID)
		}
		s.M[i] = Sum{N: int(v[0]), Hits: int(v[1]), Total: v[2]}
	}
	return s, nil
}

// Compared are the periods besides p itself that the dashboard and the
// reports of p measure at now: the previous period and the same period a
// year earlier (the reports'), their first days while p is in progress
// (the dashboard's, see Comparisons), and the trend months, without
// repeats and without the months inside p (measured from p's own rows).
func Compared(p Period, now time.Time) []Period {
	var out []Period
	seen := map[string]bool{p.Key: true}
	prev, base := p.Comparisons(now)
	for _, q := range append([]Period{p.Previous(), p.YearEarlier(), prev, base}, p.Months(TrendMonths)...) {
		if seen[q.Key] || (!q.From.Before(p.From) && !q.To.After(p.To)) {
			continue
		}
		seen[q.Key] = true
		out = append(out, q)
	}
	return out
}
