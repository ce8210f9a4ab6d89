package asim

import "strings"

// The Process Event schema: process creation and termination, from
// Windows security auditing (4688/4689), Sysmon (1/5) forwarded to
// WindowsEvent, and Defender for Endpoint.
var (
	processEvent = Parser{
		Names:  []string{"_Im_ProcessEvent", "imProcess", "imProcessEvent", "_ASim_ProcessEvent", "ASimProcessEvent"},
		Schema: "ProcessEvent",
		Tables: []string{"SecurityEvent", "WindowsEvent", "Event", "DeviceProcessEvents"},
		Source: processSource("*"),
	}
	processCreate = Parser{
		Names:  []string{"_Im_ProcessCreate", "imProcessCreate", "_ASim_ProcessCreate", "ASimProcessCreate"},
		Schema: "ProcessEvent",
		Tables: processEvent.Tables,
		Source: processSource("ProcessCreated"),
	}
	processTerminate = Parser{
		Names:  []string{"_Im_ProcessTerminate", "imProcessTerminate", "_ASim_ProcessTerminate", "ASimProcessTerminate"},
		Schema: "ProcessEvent",
		Tables: processEvent.Tables,
		Source: processSource("ProcessTerminated"),
	}
)

// processSource is the process parser; fixedType restricts EventType
// (the creation-only parser), "*" keeps both kinds.
func processSource(fixedType string) string {
	return strings.ReplaceAll(withSysmon(processTemplate), "FIXEDTYPE", fixedType)
}

const processTemplate = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 commandline_has_any:dynamic=dynamic([]), commandline_has_all:dynamic=dynamic([]),
 commandline_has_any_ip_prefix:dynamic=dynamic([]), actingprocess_has_any:dynamic=dynamic([]),
 targetprocess_has_any:dynamic=dynamic([]), parentprocess_has_any:dynamic=dynamic([]),
 actorusername_has_any:dynamic=dynamic([]), targetusername_has:string='*',
 dvcipaddr_has_any_prefix:dynamic=dynamic([]), dvchostname_has_any:dynamic=dynamic([]),
 eventtype:string='*') {
let Security = SecurityEvent
 | where EventID in (4688, 4689)
 | project TimeGenerated, Type = 'SecurityEvent',
   EventType = iff(EventID == 4688, 'ProcessCreated', 'ProcessTerminated'),
   EventOriginalType = tostring(EventID), EventProduct = 'Security Events', EventVendor = 'Microsoft',
   DvcHostname = Computer, DvcIpAddr = '', DvcId = '',
   ActorUsername = iff(isnotempty(Account), Account, strcat(SubjectDomainName, @'\', SubjectUserName)),
   ActorSessionId = SubjectLogonId,
   ActingProcessName = iff(EventID == 4688, ParentProcessName, ''),
   ActingProcessId = iff(EventID == 4688, ProcessId, ''), ActingProcessCommandLine = '',
   ParentProcessName = '', ParentProcessId = '',
   TargetProcessName = iff(EventID == 4688, NewProcessName, ProcessName),
   TargetProcessId = iff(EventID == 4688, NewProcessId, ProcessId),
   TargetProcessCommandLine = CommandLine,
   TargetUsername = iff(TargetUserName in ('', '-'), iff(isnotempty(Account), Account, SubjectUserName), strcat(TargetDomainName, @'\', TargetUserName)),
   TargetProcessTokenElevation = TokenElevationType, TargetProcessIntegrityLevel = MandatoryLabel,
   TargetProcessMD5 = '', TargetProcessSHA1 = '', TargetProcessSHA256 = '';
let Sysmon = SYSMON
 | where EventID in (1, 5)
 | project TimeGenerated, Type,
   EventType = iff(EventID == 1, 'ProcessCreated', 'ProcessTerminated'),
   EventOriginalType = tostring(EventID), EventProduct = 'Sysmon', EventVendor = 'Microsoft',
   DvcHostname = Computer, DvcIpAddr = '', DvcId = '',
   ActorUsername = F(User), ActorSessionId = F(LogonId),
   ActingProcessName = F(ParentImage), ActingProcessId = F(ParentProcessId),
   ActingProcessCommandLine = F(ParentCommandLine),
   ParentProcessName = '', ParentProcessId = '',
   TargetProcessName = F(Image), TargetProcessId = F(ProcessId),
   TargetProcessCommandLine = F(CommandLine),
   TargetUsername = F(User),
   TargetProcessTokenElevation = '', TargetProcessIntegrityLevel = F(IntegrityLevel),
   TargetProcessMD5 = extract(@'MD5=([0-9A-Fa-f]{32})', 1, F(Hashes)),
   TargetProcessSHA1 = extract(@'SHA1=([0-9A-Fa-f]{40})', 1, F(Hashes)),
   TargetProcessSHA256 = extract(@'SHA256=([0-9A-Fa-f]{64})', 1, F(Hashes));
let Defender = DeviceProcessEvents
 | where ActionType == 'ProcessCreated'
 | project TimeGenerated, Type = 'DeviceProcessEvents',
   EventType = 'ProcessCreated', EventOriginalType = ActionType,
   EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   DvcHostname = DeviceName, DvcIpAddr = '', DvcId = DeviceId,
   ActorUsername = iff(isnotempty(InitiatingProcessAccountDomain), strcat(InitiatingProcessAccountDomain, @'\', InitiatingProcessAccountName), InitiatingProcessAccountName),
   ActorSessionId = tostring(InitiatingProcessLogonId),
   ActingProcessName = InitiatingProcessFolderPath, ActingProcessId = tostring(InitiatingProcessId),
   ActingProcessCommandLine = InitiatingProcessCommandLine,
   ParentProcessName = InitiatingProcessParentFileName, ParentProcessId = tostring(InitiatingProcessParentId),
   TargetProcessName = FolderPath, TargetProcessId = tostring(ProcessId),
   TargetProcessCommandLine = ProcessCommandLine,
   TargetUsername = iff(isnotempty(AccountDomain), strcat(AccountDomain, @'\', AccountName), AccountName),
   TargetProcessTokenElevation = ProcessTokenElevation, TargetProcessIntegrityLevel = ProcessIntegrityLevel,
   TargetProcessMD5 = MD5, TargetProcessSHA1 = SHA1, TargetProcessSHA256 = SHA256;
union Security, SysmonNew, SysmonLegacy, Defender
| where 'FIXEDTYPE' == '*' or EventType == 'FIXEDTYPE'
| where eventtype == '*' or EventType =~ eventtype
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(commandline_has_any) == 0 or TargetProcessCommandLine has_any (commandline_has_any)
| where array_length(commandline_has_all) == 0 or TargetProcessCommandLine has_all (commandline_has_all)
| where array_length(commandline_has_any_ip_prefix) == 0 or has_any_ipv4_prefix(TargetProcessCommandLine, commandline_has_any_ip_prefix)
| where array_length(actingprocess_has_any) == 0 or ActingProcessName has_any (actingprocess_has_any)
| where array_length(targetprocess_has_any) == 0 or TargetProcessName has_any (targetprocess_has_any)
| where array_length(parentprocess_has_any) == 0 or ParentProcessName has_any (parentprocess_has_any) or ActingProcessName has_any (parentprocess_has_any)
| where array_length(actorusername_has_any) == 0 or ActorUsername has_any (actorusername_has_any)
| where targetusername_has == '*' or TargetUsername has targetusername_has
| where array_length(dvcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(DvcIpAddr, dvcipaddr_has_any_prefix)
| where array_length(dvchostname_has_any) == 0 or DvcHostname has_any (dvchostname_has_any)
| extend EventResult = 'Success', EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'ProcessEvent', EventSchemaVersion = '0.1.4', Dvc = DvcHostname,
   ActingProcessFileName = tostring(split(ActingProcessName, @'\')[-1]),
   TargetProcessFileName = tostring(split(TargetProcessName, @'\')[-1]),
   CommandLine = TargetProcessCommandLine, Process = TargetProcessName, User = TargetUsername,
   Hash = coalesce(TargetProcessSHA256, TargetProcessSHA1, TargetProcessMD5)
}`
