package backup

import "syscall"

// lowerPriority makes the calling thread nicer (10 on Linux's -20…19
// scale): the backup takes the processor only when the answers to the
// window and everything else on the computer leave it free. The caller
// must hold its thread (runtime.LockOSThread) and let it end with it.
func lowerPriority() {
	_ = syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 10)
}
