package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
)

// TestQuoteSafe checks that where audit.QuoteSafe gives a text, it is the
// one encoding/json and SQLite's json_quote (what requestRefValues reads)
// both write, over every ASCII character and random strings of the
// characters where they differ or might: requestRefArgs refers an import's
// creations by it.
func TestQuoteSafe(t *testing.T) {
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := db.Prepare(`SELECT json_array(?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var corpus []string
	for c := 0; c < 128; c++ {
		corpus = append(corpus, string(rune(c)), "前"+string(rune(c))+"后")
	}
	pieces := []string{"客户", "a", " ", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", `"`, `\`, "<", ">", "&",
		"\u2028", "\u2029", "\u00e9", "😀", "\xff", "\xe4\xb8", "'", "/", "\u0085", "\ufeff"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(8) + 1 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		corpus = append(corpus, b.String())
	}
	safe := 0
	for _, s := range corpus {
		q, ok := audit.QuoteSafe(s)
		if !ok {
			continue
		}
		safe++
		goJSON, _ := json.Marshal(s)
		var arr string
		if err := st.QueryRowContext(context.Background(), s).Scan(&arr); err != nil {
			t.Fatal(err)
		}
		if q != string(goJSON) || "["+q+"]" != arr {
			t.Fatalf("QuoteSafe(%q) = %s; encoding/json writes %s, SQLite %s", s, q, goJSON, arr)
		}
	}
	if safe < 500 {
		t.Errorf("only %d of %d strings are safe: the test checks too little", safe, len(corpus))
	}
}
