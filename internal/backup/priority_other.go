//go:build !linux

package backup

// lowerPriority leaves the priority as it is where threads cannot be
// given their own (the delay alone keeps the backup from the first
// answers).
func lowerPriority() {}
