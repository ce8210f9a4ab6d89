package demo

import (
	"slices"
	"time"
)

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

	alerts    []*alert
	incidents []*incident
	truth     []truth

	explicit []explicitLogon
	shares   []shareAccess
	services []serviceInstall
	tasks    []taskCreate
	risk     map[string]riskMark // UPN → Entra ID user risk from a point on
}

// riskMark is a user's risk level from some time on.
type riskMark struct {
	level string
	since time.Time
}

// Story identifiers, as the ground truth table names them.
const (
	storyPhish   = "a-phishing-macro-beacon"
	storyLSASS   = "b-lsass-credential-dump"
	storyLateral = "c-psexec-scheduled-task"
	storySpray   = "d-password-spray-impossible-travel"
	storyMailbox = "e-mailbox-forwarding-exfiltration"
	storySSH     = "f-ssh-bruteforce-base64"
)

func buildStories(w *world) *storyData {
	sd := &storyData{rows: map[string][]*rowBuf{}, risk: map[string]riskMark{}}
	victim := w.buildIntrusion(sd)
	w.buildCloudAttack(sd, victim)
	w.buildSSHBruteForce(sd)
	w.backgroundAlerts(sd)
	sd.numberIncidents()
	sd.securityEventRows(w)
	for _, rows := range sd.rows {
		slices.SortStableFunc(rows, func(a, b *rowBuf) int { return a.t.Compare(b.t) })
	}
	return sd
}

// securityEventRows writes the stories' SecurityEvent records that no
// stream carries: explicit credentials, share audit, service and task
// creation.
func (sd *storyData) securityEventRows(w *world) {
	c := w.cols.securityEvent
	mk := storyTable{rows: new([]*rowBuf)}
	for _, x := range sd.explicit {
		r := w.secEvent(mk, c, x.t, x.host, 4648, "4648 - A logon was attempted using explicit credentials.", 12544)
		subject(r, c, x.subject)
		r.set(c.TargetUserName, x.target.bName)
		r.set(c.TargetDomainName, x.target.bDomain)
		r.set(c.TargetAccount, x.target.bAccount)
		r.str(c.TargetServerName, x.server)
		r.str(c.TargetInfo, x.server)
		r.set(c.ProcessName, x.proc.img.bPath)
		r.str(c.ProcessId, hexID(uint64(x.proc.pid)))
		r.set(c.IpAddress, "-")
		r.set(c.IpPort, "-")
		r.set(c.LogonGuid, "{00000000-0000-0000-0000-000000000000}")
	}
	for _, s := range sd.shares {
		if s.rel == "" {
			r := w.secEvent(mk, c, s.t, s.host, 5140, "5140 - A network share object was accessed.", 12808)
			subject(r, c, s.id)
			r.str(c.ShareName, `\\*\`+s.share)
			r.str(c.IpAddress, s.ip)
			r.set(c.AccessMask, "0x1")
			r.set(c.ObjectType, "File")
			if s.share == "ADMIN$" {
				r.set(c.ShareLocalPath, `\??\C:\Windows`)
			}
			continue
		}
		r := w.secEvent(mk, c, s.t, s.host, 5145, "5145 - A network share object was checked to see whether client can be granted desired access.", 12811)
		subject(r, c, s.id)
		r.str(c.ShareName, `\\*\`+s.share)
		r.str(c.RelativeTargetName, s.rel)
		r.str(c.IpAddress, s.ip)
		r.str(c.AccessMask, s.mask)
		r.set(c.ObjectType, "File")
		if s.share == "ADMIN$" {
			r.set(c.ShareLocalPath, `\??\C:\Windows`)
		}
	}
	for _, s := range sd.services {
		r := w.secEvent(mk, c, s.t, s.host, 4697, "4697 - A service was installed in the system.", 12289)
		subject(r, c, s.id)
		r.str(c.ServiceName, s.name)
		r.str(c.ServiceFileName, s.path)
		r.set(c.ServiceType, "0x10")
		r.set(c.ServiceStartType, int32(3))
		r.set(c.ServiceAccount, "LocalSystem")
	}
	for _, k := range sd.tasks {
		r := w.secEvent(mk, c, k.t, k.host, 4698, "4698 - A scheduled task was created.", 12804)
		subject(r, c, k.id)
		r.str(c.EventData, eventData("SubjectUserSid", k.id.sid, "SubjectUserName", k.id.name, "SubjectDomainName", k.id.domain,
			"SubjectLogonId", hexID(k.id.logonID), "TaskName", k.name, "TaskContent", taskXML(k)))
	}
	sd.rows["SecurityEvent"] = append(sd.rows["SecurityEvent"], *mk.rows...)
}

// taskXML is the task definition 4698 carries in TaskContent.
func taskXML(k taskCreate) string {
	return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Date>` + k.t.Format("2006-01-02T15:04:05") + `</Date>
    <Author>` + k.id.domain + `\` + k.id.name + `</Author>
    <URI>` + k.name + `</URI>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <Repetition>
        <Interval>PT30M</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>` + k.t.Format("2006-01-02T15:04:05") + `</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>S-1-5-18</UserId>
      <RunLevel>HighestAvailable</RunLevel>
    </Principal>
  </Principals>
  <Actions Context="Author">
    <Exec>
      <Command>` + k.command + `</Command>
      <Arguments>` + k.args + `</Arguments>
    </Exec>
  </Actions>
</Task>`
}

func slicesSortIncidents(xs []*incident) {
	slices.SortStableFunc(xs, func(a, b *incident) int { return a.created.Compare(b.created) })
}
