package auth

import (
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// anyone marks a method every logged-in account may call.
const anyone request.Role = "*"

var (
	everyone = []request.Role{anyone}
	admins   = []request.Role{RoleAdmin}
	// managers are the administrator and the supervisors, who classify,
	// assign and keep the team and word lists (DOMAIN.md: 客服主管).
	managers = []request.Role{RoleAdmin, request.RoleSupervisor}
	// nobody: desktop-only methods, which would act on the serving machine.
	nobody = []request.Role{}
	// reporters write and issue the monthly report (the supervisor) and the
	// quarterly one (for the general manager), and set the targets.
	reporters = []request.Role{RoleAdmin, request.RoleSupervisor, request.RoleGeneralManager}
)

// access lists, for every bound method (Struct.Method), the roles that may
// call it over the network. A method missing here is refused to everyone;
// a test checks that every bound method has an entry.
//
// Everyone who works on requests may read everything, register and edit
// customers and requests, keep stage records and print documents. Steps of
// the lifecycle are guarded once more by the state machine with the user's
// own roles: only the general manager approves a plan.
var access = map[string][]request.Role{
	"SystemApp.Info":      everyone,
	"SystemApp.Health":    everyone,
	"SystemApp.Process":   everyone,
	"SystemApp.IsDesktop": everyone,
	"SystemApp.SaveFile":  nobody,
	"SystemApp.OpenFile":  nobody,

	"SettingsApp.Get":               everyone,
	"SettingsApp.Vocabularies":      everyone,
	"SettingsApp.People":            everyone,
	"SettingsApp.PreviewNumber":     everyone,
	"SettingsApp.Save":              admins,
	"SettingsApp.CompanyLogo":       everyone,
	"SettingsApp.SetCompanyLogo":    admins,
	"SettingsApp.RemoveCompanyLogo": admins,
	"SettingsApp.AddVocabItem":      managers,
	"SettingsApp.UpdateVocabItem":   managers,
	"SettingsApp.ReorderVocab":      managers,
	"SettingsApp.SetTypePath":       managers,
	"SettingsApp.SavePerson":        managers,

	"CustomersApp.List":          everyone,
	"CustomersApp.Get":           everyone,
	"CustomersApp.History":       everyone,
	"CustomersApp.Create":        everyone,
	"CustomersApp.Update":        everyone,
	"CustomersApp.AddContact":    everyone,
	"CustomersApp.UpdateContact": everyone,
	// Merging two customers, or settling that they are two, is the
	// supervisor's call: it moves other people's requests.
	"CustomersApp.Merge":            managers,
	"CustomersApp.DismissDuplicate": managers,

	"RequestsApp.Create":    everyone,
	"RequestsApp.Update":    everyone,
	"RequestsApp.Get":       everyone,
	"RequestsApp.List":      everyone,
	"RequestsApp.Total":     everyone,
	"RequestsApp.Draft":     everyone,
	"RequestsApp.SaveDraft": everyone,
	"RequestsApp.Move":      everyone,
	// A bulk action is each request's own command (Move, Update), whose
	// access is checked request by request; 当场解决 is a registration
	// and the steps anyone takes on it.
	"RequestsApp.Bulk":          everyone,
	"RequestsApp.ResolveOnCall": everyone,
	"RequestsApp.SaveRecord":    everyone,
	"RequestsApp.DeleteRecord":  everyone,
	"RequestsApp.Board":         everyone,
	"RequestsApp.MyWork":        everyone,

	// Complaints (办法 003): whoever takes a complaint registers it, and
	// the investigator it names takes it on.
	"RequestsApp.RegisterComplaint": everyone,
	// The quarterly value assessment of high-value needs (plan 004) is the
	// supervisors' and management's; anyone may read the quarter's list.
	"RequestsApp.AssessValue":   reporters,
	"RequestsApp.ValueDues":     everyone,
	"RequestsApp.StepComplaint": everyone,
	"RequestsApp.Complaints":    everyone,

	// Links and history: everyone who works on requests. Team views are the
	// supervisor's (view.CanSaveTeam says so again for the desktop); one's
	// own views anyone's.
	"RequestsApp.Related":        everyone,
	"RequestsApp.Link":           everyone,
	"RequestsApp.Unlink":         everyone,
	"RequestsApp.FollowUp":       everyone,
	"RequestsApp.Views":          everyone,
	"RequestsApp.SaveMyView":     everyone,
	"RequestsApp.DeleteMyView":   everyone,
	"RequestsApp.SaveTeamView":   managers,
	"RequestsApp.DeleteTeamView": managers,
	"CustomersApp.Requests":      everyone,

	// Attachments, the knowledge base and the classification standard's
	// proposal are everyone's daily work; the standard itself is the
	// supervisors' (客服主管 classifies), like the word lists.
	"RequestsApp.AttachmentTypes":       everyone,
	"RequestsApp.Attachments":           everyone,
	"RequestsApp.Attachment":            everyone,
	"RequestsApp.AddAttachment":         everyone,
	"RequestsApp.RemoveAttachment":      everyone,
	"RequestsApp.ProposeClassification": everyone,
	"RequestsApp.Similar":               everyone,
	"RequestsApp.Knowledge":             everyone,
	"SettingsApp.Classification":        everyone,
	"SettingsApp.ClassificationPDF":     everyone,
	"SettingsApp.SaveClassification":    managers,
	"SettingsApp.DeleteClassification":  managers,

	"TimeLimitsApp.Policies":       everyone,
	"TimeLimitsApp.Settings":       everyone,
	"TimeLimitsApp.Schedules":      everyone,
	"TimeLimitsApp.ExportSchedule": everyone,
	"TimeLimitsApp.Alerts":         everyone,
	"TimeLimitsApp.SavePolicy":     admins,
	"TimeLimitsApp.DeletePolicy":   admins,
	"TimeLimitsApp.SaveSettings":   admins,
	"TimeLimitsApp.ImportSchedule": admins,

	"TimeLimitsApp.SaveChannelLimits": admins,

	"DocumentsApp.Types":             everyone,
	"DocumentsApp.List":              everyone,
	"DocumentsApp.Get":               everyone,
	"DocumentsApp.PDF":               everyone,
	"DocumentsApp.Attachment":        everyone,
	"DocumentsApp.Generate":          everyone,
	"DocumentsApp.GenerateList":      everyone,
	"DocumentsApp.Sign":              everyone,
	"DocumentsApp.MarkSignedOnPaper": everyone,
	"DocumentsApp.AttachScan":        everyone,

	"ExcelApp.Template":       everyone,
	"ExcelApp.StartExport":    everyone,
	"ExcelApp.ExportProgress": everyone,
	"ExcelApp.CancelExport":   everyone,
	"ExcelApp.ExportResult":   everyone,
	"ExcelApp.SaveExport":     nobody, // the desktop's native save dialog
	"ExcelApp.Count":          everyone,
	"ExcelApp.FileName":       everyone,
	"ExcelApp.DryRun":         managers,
	"ExcelApp.Import":         managers,

	// Team sync: a laptop joins, syncs and resolves on its own desktop (or
	// its own loopback serve mode); over the network the team server only
	// shows where it stands, and its administrator manages the devices.
	"SyncApp.Status":          everyone,
	"SyncApp.Conflicts":       everyone,
	"SyncApp.Unsynced":        everyone,
	"SyncApp.Probe":           nobody,
	"SyncApp.Join":            nobody,
	"SyncApp.SyncNow":         nobody,
	"SyncApp.Leave":           nobody,
	"SyncApp.ResolveConflict": nobody,
	"SyncApp.Devices":         admins,
	"SyncApp.RevokeDevice":    admins,

	// Updates: the program on this computer updates itself from its own
	// desktop (or loopback serve mode); over the network the team server's
	// browsers only see the version it runs.
	"UpdateApp.Status":     everyone,
	"UpdateApp.Check":      nobody,
	"UpdateApp.Download":   nobody,
	"UpdateApp.SetAddress": nobody,
	"UpdateApp.Restart":    nobody,

	// Backups and restores replace everyone's data: the administrator's.
	"DataApp.Backups":        admins,
	"DataApp.InspectBackup":  admins,
	"DataApp.PendingRestore": admins,
	"DataApp.LastRestore":    admins,
	"DataApp.DownloadBackup": admins,
	"DataApp.UploadBackup":   admins,
	"DataApp.StageRestore":   admins,
	"DataApp.RestoreLatest":  admins,
	"DataApp.CancelRestore":  admins,
	"DataApp.OpenReadOnly":   admins,
	"DataApp.BackupToFolder": nobody, // desktop: a folder on this machine
	"DataApp.PickBackupFile": nobody, // desktop: the native open dialog
	"DataApp.Restart":        nobody, // desktop: relaunches the window

	"ReportsApp.Measures":   everyone,
	"ReportsApp.Dashboard":  everyone,
	"ReportsApp.Config":     everyone,
	"ReportsApp.Report":     everyone,
	"ReportsApp.Issued":     everyone,
	"ReportsApp.Saved":      everyone,
	"ReportsApp.PDF":        everyone,
	"ReportsApp.Excel":      everyone,
	"ReportsApp.FileName":   everyone,
	"ReportsApp.SaveTexts":  reporters,
	"ReportsApp.Issue":      reporters,
	"ReportsApp.SaveConfig": reporters,

	// Communication quality (plan 004): everyone reads and uses the reply
	// scripts; writing them (the monthly review), the checklist and the
	// weekly checks are the supervisors' (客服主管, with 品质部).
	"CommApp.Basics":             everyone,
	"CommApp.Scripts":            everyone,
	"CommApp.Revisions":          everyone,
	"CommApp.Fill":               everyone,
	"CommApp.MissingTopics":      everyone,
	"CommApp.SaveScript":         managers,
	"CommApp.CheckConfig":        everyone,
	"CommApp.SaveCheckConfig":    managers,
	"CommApp.Checklist":          everyone,
	"CommApp.SaveChecklistItem":  managers,
	"CommApp.Checks":             everyone,
	"CommApp.Check":              everyone,
	"CommApp.DrawCheck":          managers,
	"CommApp.ScoreCheckItem":     managers,
	"CommApp.CloseRectification": everyone,
	"CommApp.Measures":           everyone,
	"CommApp.CheckPDF":           everyone,
	"CommApp.CheckFileName":      everyone,

	// Internal notes and one's own notifications are everyone's; the team
	// server's group robot is the administrator's.
	"RequestsApp.AddNote":             everyone,
	"RequestsApp.Notes":               everyone,
	"TimeLimitsApp.MyNotifications":   everyone,
	"TimeLimitsApp.MarkNotifications": everyone,
	"TimeLimitsApp.Robot":             admins,
	"TimeLimitsApp.SaveRobot":         admins,
}

// Allow returns nil when u may call method (Struct.Method), and otherwise
// a forbidden error naming the roles that may.
func Allow(u User, method string) error {
	roles, ok := access[method]
	if !ok || len(roles) == 0 {
		return apperr.New(apperr.Forbidden, "forbidden_network", nil)
	}
	for _, r := range roles {
		if r == anyone || u.Has(r) {
			return nil
		}
	}
	names := make([]apperr.Term, len(roles))
	for i, r := range roles {
		names[i] = apperr.Term{Kind: "auth.roles", Code: string(r), Name: RoleLabel(r)}
	}
	if len(names) == 1 {
		return apperr.New(apperr.Forbidden, "forbidden_role_one", apperr.P{"role": names[0]})
	}
	return apperr.New(apperr.Forbidden, "forbidden_role", apperr.P{"roles": names})
}
