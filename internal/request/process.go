package request

// StatusInfo says where a status stands in the process: the stage of the
// timeline it belongs to on each path, the dashboard's backlog group, the
// share done it stands for and whether it closes the request. StatusTable is
// the one table of it: the report's backlog, the progress percent and the
// UI's stage timeline and board (served by SystemApp.Process) all read it.
type StatusInfo struct {
	Status Status `json:"status"`
	// Paths are the paths the status is a stage of; none for the side
	// states (on hold, rejected, cancelled).
	Paths []Path `json:"paths"`
	// Stage is the step of the detail page's timeline the status belongs
	// to; "" for the side states.
	Stage string `json:"stage"`
	// Backlog is the dashboard's backlog group of an open status; "" for
	// the closed ones.
	Backlog string `json:"backlog"`
	// Percent is how far along the status stands, for requests without
	// implementation tasks: the full path's stages spread over the way to
	// delivery, the short path's over handling and result; -1 for none
	// (on hold stands where it was held, see StagePercent).
	Percent int `json:"percent"`
	// Closed marks the statuses of a finished request (Status.Closed).
	Closed bool `json:"closed"`
}

var (
	bothPaths = []Path{PathFull, PathShort}
	fullPath  = []Path{PathFull}
	shortPath = []Path{PathShort}
	noPath    = []Path{}
)

// StatusTable lists every status (in the order of Statuses) with its place
// in the process.
var StatusTable = []StatusInfo{
	{StatusRegistered, bothPaths, "register", "intake", 0, false},
	{StatusTriaged, bothPaths, "triage", "triage", 5, false},
	{StatusAssigned, bothPaths, "assign", "assignment", 10, false},
	{StatusAnalysis, fullPath, "analysis", "analysis", 20, false},
	{StatusAnalysisConfirm, fullPath, "analysis", "analysis", 30, false},
	{StatusPlanDrafting, fullPath, "plan", "plan", 40, false},
	{StatusPlanReview, fullPath, "review", "review", 45, false},
	{StatusPlanApproval, fullPath, "review", "review", 50, false},
	{StatusPlanConfirm, fullPath, "confirm", "plan", 55, false},
	{StatusImplementation, fullPath, "implementation", "implementation", 60, false},
	{StatusAcceptance, fullPath, "delivery", "delivery", 90, false},
	{StatusHandling, shortPath, "handling", "implementation", 40, false},
	{StatusResultGiven, shortPath, "result", "delivery", 80, false},
	{StatusFeedback, bothPaths, "feedback", "feedback", 95, false},
	{StatusArchived, bothPaths, "archive", "", 100, true},
	{StatusOnHold, noPath, "", "on_hold", -1, false},
	{StatusRejected, noPath, "", "", -1, true},
	{StatusCancelled, noPath, "", "", -1, true},
}

// InfoOf is the table's row of s; an unknown status has no stage, no
// backlog group and no percent.
func InfoOf(s Status) StatusInfo {
	for _, x := range StatusTable {
		if x.Status == s {
			return x
		}
	}
	return StatusInfo{Status: s, Percent: -1}
}

// OpenStatuses are the statuses of open requests in process order: the
// board's columns.
func OpenStatuses() []Status {
	var out []Status
	for _, x := range StatusTable {
		if !x.Closed {
			out = append(out, x.Status)
		}
	}
	return out
}

// ClosedStatuses are the statuses of closed requests: archived, rejected,
// cancelled.
func ClosedStatuses() []Status {
	var out []Status
	for _, x := range StatusTable {
		if x.Closed {
			out = append(out, x.Status)
		}
	}
	return out
}

// ClosedTaskStatuses are the statuses of a task that is finished: a task is
// open unless done or cancelled (so is a sub-requirement unless done).
var ClosedTaskStatuses = []string{"done", "cancelled"}

// OpenTask reports whether a task (or sub-requirement) of status is still to
// be done.
func OpenTask(status string) bool {
	for _, s := range ClosedTaskStatuses {
		if status == s {
			return false
		}
	}
	return true
}

// GreenChannelUrgencies are the urgencies whose requests triage may put on
// the green channel: only urgent ones.
var GreenChannelUrgencies = []Urgency{UrgencyUrgent}

// GreenChannelAllowed reports whether a request of urgency u may take the
// green channel.
func GreenChannelAllowed(u Urgency) bool {
	for _, x := range GreenChannelUrgencies {
		if u == x {
			return true
		}
	}
	return false
}

// Process is what the UI must know of the process's rules, served once
// (SystemApp.Process) so that the screens read them instead of copying them.
type Process struct {
	Statuses              []StatusInfo `json:"statuses"`
	ClosedTaskStatuses    []string     `json:"closedTaskStatuses"`
	GreenChannelUrgencies []Urgency    `json:"greenChannelUrgencies"`
}

// Rules returns the process's rules for the UI.
func Rules() Process {
	return Process{Statuses: StatusTable, ClosedTaskStatuses: ClosedTaskStatuses, GreenChannelUrgencies: GreenChannelUrgencies}
}
