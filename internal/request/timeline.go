package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// reopenClosed opens a closed request's clocks again at at: they stood
// still while it was closed (sla.Timeline.Stopped), and run on from where
// they stopped.
func reopenClosed(tl *sla.Timeline, at time.Time) {
	if tl.ClosedAt.IsZero() {
		return
	}
	if at.After(tl.ClosedAt) {
		tl.Stopped = append(tl.Stopped, sla.Pause{From: tl.ClosedAt, To: at})
	}
	tl.ClosedAt = time.Time{}
}

// Timeline derives the moments a request's time limits are measured between
// from its transitions and records, so a recomputation always gives the same
// answer. A reopened request counts as unresolved again.
func Timeline(r Request, trs []Transition, recs []Record) sla.Timeline {
	tl := sla.Timeline{ReceivedAt: r.Fields.ReceivedAt, RecordedAt: r.CreatedAt}
	first := func(t *time.Time, at time.Time) {
		if t.IsZero() {
			*t = at
		}
	}
	var pauseFrom time.Time
	for _, t := range trs {
		switch t.Action {
		case ActTriage:
			first(&tl.ClassifiedAt, t.At)
		case ActAssign:
			first(&tl.AssignedAt, t.At)
		case ActStart:
			first(&tl.StartedAt, t.At)
		case ActGiveResult, ActDeliver:
			tl.ResolvedAt, tl.ResultGivenAt, tl.HandedOverAt = t.At, time.Time{}, time.Time{}
			if t.Action == ActDeliver {
				tl.ResultGivenAt = t.At // the delivery is the result, handed over in person
			}
		case ActSendResult:
			tl.ResultGivenAt, tl.HandedOverAt = t.At, t.At
		case ActAccept:
			tl.HandedOverAt = t.At
		case ActReopen:
			tl.ResolvedAt, tl.ResultGivenAt, tl.HandedOverAt = time.Time{}, time.Time{}, time.Time{}
			reopenClosed(&tl, t.At)
		case ActRestore:
			reopenClosed(&tl, t.At)
		case ActReject, ActCancel, ActArchive:
			tl.ClosedAt = t.At
		case ActImport:
			if t.To.Closed() { // imported as already closed: no clock runs on
				tl.ClosedAt = t.At
			}
		}
		waitingBefore := t.From.WaitingForCustomer() || t.From == StatusOnHold
		waitingAfter := t.To.WaitingForCustomer() || t.To == StatusOnHold
		// The survey wait (feedback) is not the customer's delay on the resolution.
		if t.To == StatusFeedback {
			waitingAfter = false
		}
		if t.From == StatusFeedback {
			waitingBefore = false
		}
		switch {
		case waitingAfter && !waitingBefore:
			pauseFrom = t.At
		case waitingBefore && !waitingAfter && !pauseFrom.IsZero():
			tl.Waiting = append(tl.Waiting, sla.Pause{From: pauseFrom, To: t.At})
			pauseFrom = time.Time{}
		}
	}
	if !pauseFrom.IsZero() {
		tl.Waiting = append(tl.Waiting, sla.Pause{From: pauseFrom})
	}
	for _, rec := range recs {
		switch rec.Kind {
		case KindCommunication:
			c, err := BodyOf[Communication](rec)
			if err != nil || c.At.Before(tl.ReceivedAt) {
				continue
			}
			if tl.RespondedAt.IsZero() || c.At.Before(tl.RespondedAt) {
				tl.RespondedAt = c.At
			}
			tl.Updates = append(tl.Updates, c.At)
		case KindFeedback:
			if !tl.HandedOverAt.IsZero() && !rec.CreatedAt.Before(tl.HandedOverAt) && tl.SurveyedAt.IsZero() {
				tl.SurveyedAt = rec.CreatedAt
			}
		}
	}
	channelTimeline(&tl, recs)
	// Telling the customer the result is a response too.
	if !tl.ResultGivenAt.IsZero() && (tl.RespondedAt.IsZero() || tl.ResultGivenAt.Before(tl.RespondedAt)) {
		tl.RespondedAt = tl.ResultGivenAt
	}
	return tl
}
