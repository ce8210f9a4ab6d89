package demo

import "time"

// storyData is what the attack stories add to the background: rows of
// tables written as they are, and events injected into the activity streams
// so every table derived from a stream shows them.
type storyData struct {
	rows    map[string][]*rowBuf // table → rows in time order
	procs   []procEvent
	logons  []logonEvent
	flows   []flowEvent
	signins []signinEvent
	office  []officeEvent
	audit   []auditEvent
	ssh     []sshEvent
	syslog  []syslogLine
	events  []winEvent
	email   []emailEvent
	files   []fileEvent
	risk    map[string]riskMark // UPN → Entra ID user risk from a point on
}

// riskMark is a user's risk level from some time on.
type riskMark struct {
	level string
	since time.Time
}

func buildStories(w *world) *storyData {
	return &storyData{rows: map[string][]*rowBuf{}, risk: map[string]riskMark{}}
}
