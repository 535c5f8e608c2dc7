package store

import (
	"database/sql/driver"

	"github.com/reqdesk/reqdesk/internal/request"
	"modernc.org/sqlite"
)

// stepCodes are how a transition keeps its action and its two statuses
// (0037): a character each, where the words took 28 bytes of a step (21 MB
// of the 100k data set's 760k steps). The statuses take capitals, the
// actions small letters. Steps carry them, so a code is never given to
// another word, and a word without one (an action or status of a later
// program) is kept as it is: every word is longer than a code, so neither
// is taken for the other. Team sync sends the words (stepWord on reading,
// stepCode on writing: syncTable.coded), so the wire and machines of other
// versions see no change.
var stepCodes = map[string]string{
	string(request.StatusRegistered): "A", string(request.StatusTriaged): "B", string(request.StatusAssigned): "C",
	string(request.StatusAnalysis): "D", string(request.StatusAnalysisConfirm): "E",
	string(request.StatusPlanDrafting): "F", string(request.StatusPlanReview): "G",
	string(request.StatusPlanApproval): "H", string(request.StatusPlanConfirm): "I",
	string(request.StatusImplementation): "J", string(request.StatusAcceptance): "K",
	string(request.StatusHandling): "L", string(request.StatusResultGiven): "M", string(request.StatusFeedback): "N",
	string(request.StatusArchived): "O", string(request.StatusOnHold): "P", string(request.StatusRejected): "Q",
	string(request.StatusCancelled): "R",
	string(request.ActTriage):       "a", string(request.ActAssign): "b", string(request.ActStart): "c",
	string(request.ActAskAnalysisOK): "d", string(request.ActAnalysisOK): "e", string(request.ActAnalysisChanges): "f",
	string(request.ActSubmitReview): "g", string(request.ActRevisePlan): "h", string(request.ActAskApproval): "i",
	string(request.ActApprove): "j", string(request.ActDecline): "k", string(request.ActPlanOK): "l",
	string(request.ActPlanChanges): "m", string(request.ActDeliver): "n", string(request.ActAccept): "o",
	string(request.ActGiveResult): "p", string(request.ActSendResult): "q", string(request.ActReopen): "r",
	string(request.ActArchive): "s", string(request.ActHold): "t", string(request.ActResume): "u",
	string(request.ActReject): "v", string(request.ActCancel): "w", string(request.ActReturnToTriage): "x",
	string(request.ActSwitchToFullPath): "y", string(request.ActRestore): "z", string(request.ActImport): "0",
}

var stepWords = inverse(stepCodes)

// stepCode is how a step keeps word; a code, or a word without one, is
// kept as it is.
func stepCode(word string) string { return coded(stepCodes, word) }

// stepWord is the word a step's code stands for; a word is read as it is.
func stepWord(code string) string { return named(stepWords, code) }

// stepColumns are the columns of a transition kept by their codes.
var stepColumns = []string{"action", "from_status", "to_status"}

func init() {
	for name, fn := range map[string]func(string) string{"step_code": stepCode, "step_word": stepWord} {
		sqlite.MustRegisterDeterministicScalarFunction(name, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, ok := bytesOf(args[0])
			if !ok {
				return nil, nil
			}
			return fn(string(b)), nil
		})
	}
}
