package report

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Term is a word that recurs in request titles, and in how many.
type Term struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// stopTerms say nothing about what the problem is.
var stopTerms = map[string]bool{
	"客户": true, "需求": true, "关于": true, "希望": true, "进行": true, "一个": true, "我们": true,
	"相关": true, "以及": true, "如何": true, "是否": true, "需要": true, "问题": true, "咨询": true,
	"要求": true, "申请": true, "公司": true, "情况": true, "事宜": true, "方面": true, "处理": true,
}

// maxTerm is the longest term looked for, in characters: long enough for a
// phrase such as 发票开具延迟, short enough to stay cheap over a year of titles.
const maxTerm = 6

// TopTerms finds the words that recur most in titles without a word list:
// every run of two to six Chinese characters and every Latin word is a
// candidate, counted once per title; a shorter candidate gives way to a
// longer one that contains it and occurs nearly as often ("对接" to
// "系统对接"). At most n terms, each in at least two titles, the most
// frequent first.
func TopTerms(titles []string, n int) []Term {
	// The dashboard asks again and again for the same titles (a month's,
	// while other things change): the last answer is kept with its titles.
	lastTerms.mu.Lock()
	if lastTerms.ok && lastTerms.n == n && slices.Equal(lastTerms.titles, titles) {
		out := slices.Clone(lastTerms.terms)
		lastTerms.mu.Unlock()
		return out
	}
	lastTerms.mu.Unlock()
	out := topTerms(titles, n)
	lastTerms.mu.Lock()
	lastTerms.titles, lastTerms.n, lastTerms.terms, lastTerms.ok = slices.Clone(titles), n, slices.Clone(out), true
	lastTerms.mu.Unlock()
	return out
}

// lastTerms is the last answer of TopTerms and what it was asked.
var lastTerms struct {
	mu     sync.Mutex
	ok     bool
	titles []string
	n      int
	terms  []Term
}

// topTerms is TopTerms, computed.
func topTerms(titles []string, n int) []Term {
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, title := range titles {
		clear(seen)
		for _, run := range runs(title) {
			rs := []rune(run)
			if !isHan(rs[0]) {
				if len(rs) >= 2 {
					seen[strings.ToLower(run)] = true
				}
				continue
			}
			for size := 2; size <= maxTerm; size++ {
				for i := 0; i+size <= len(rs); i++ {
					seen[string(rs[i:i+size])] = true
				}
			}
		}
		for t := range seen {
			counts[t]++
		}
	}
	cands := make([]Term, 0, len(counts))
	for t, c := range counts {
		if c >= 2 && !stopTerms[t] {
			cands = append(cands, Term{t, c})
		}
	}
	// Longer terms first, so each shorter one meets those that might absorb it.
	sort.Slice(cands, func(i, j int) bool {
		li, lj := len([]rune(cands[i].Term)), len([]rune(cands[j].Term))
		if li != lj {
			return li > lj
		}
		if cands[i].Count != cands[j].Count {
			return cands[i].Count > cands[j].Count
		}
		return cands[i].Term < cands[j].Term
	})
	var kept []Term
	for _, c := range cands {
		absorbed := false
		for _, k := range kept {
			if strings.Contains(k.Term, c.Term) && k.Count*10 >= c.Count*8 {
				absorbed = true
				break
			}
		}
		if !absorbed {
			kept = append(kept, c)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Count != kept[j].Count {
			return kept[i].Count > kept[j].Count
		}
		return len([]rune(kept[i].Term)) > len([]rune(kept[j].Term))
	})
	if len(kept) > n {
		kept = kept[:n]
	}
	return kept
}

// runs splits a title into runs of Chinese characters and runs of Latin
// letters and digits; everything else separates them.
func runs(s string) []string {
	var out []string
	var cur []rune
	kind := 0 // 1 Han, 2 Latin
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		k := 0
		switch {
		case isHan(r):
			k = 1
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			k = 2
		}
		if k != kind {
			flush()
			kind = k
		}
		if k != 0 {
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
