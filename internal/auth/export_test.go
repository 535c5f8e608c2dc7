package auth

// Helpers only the tests use: they keep the access table and the bindings
// in step.

// Listed reports whether method has an entry in the access table.
func Listed(method string) bool {
	_, ok := access[method]
	return ok
}

// Methods returns every method in the access table.
func Methods() []string {
	out := make([]string, 0, len(access))
	for m := range access {
		out = append(out, m)
	}
	return out
}
