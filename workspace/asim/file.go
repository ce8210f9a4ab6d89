package asim

// The File Event schema: files created, modified, renamed and deleted,
// from Defender for Endpoint and Sysmon (11, 23, 26).
var fileEvent = Parser{
	Names:  []string{"_Im_FileEvent", "imFileEvent", "_ASim_FileEvent", "ASimFileEvent"},
	Schema: "FileEvent",
	Tables: []string{"DeviceFileEvents", "WindowsEvent", "Event"},
	Source: withSysmon(fileEventSource),
}

const fileEventSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 eventtype_in:dynamic=dynamic([]), srcipaddr_has_any_prefix:dynamic=dynamic([]),
 actorusername_has_any:dynamic=dynamic([]), targetfilepath_has_any:dynamic=dynamic([]),
 srcfilepath_has_any:dynamic=dynamic([]), hashes_has_any:dynamic=dynamic([]),
 dvchostname_has_any:dynamic=dynamic([])) {
let Defender = DeviceFileEvents
 | where ActionType in ('FileCreated', 'FileModified', 'FileDeleted', 'FileRenamed')
 | project TimeGenerated, Type = 'DeviceFileEvents', EventType = ActionType, EventOriginalType = ActionType,
   EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   TargetFilePath = FolderPath, TargetFileName = FileName,
   TargetFileMD5 = MD5, TargetFileSHA1 = SHA1, TargetFileSHA256 = SHA256, TargetFileSize = FileSize,
   SrcFilePath = iff(ActionType == 'FileRenamed', strcat(PreviousFolderPath, iff(PreviousFolderPath endswith @'\', '', @'\'), PreviousFileName), ''),
   SrcFileName = PreviousFileName, TargetUrl = FileOriginUrl,
   ActorUsername = iff(isnotempty(InitiatingProcessAccountDomain), strcat(InitiatingProcessAccountDomain, @'\', InitiatingProcessAccountName), InitiatingProcessAccountName),
   ActingProcessName = InitiatingProcessFolderPath, ActingProcessCommandLine = InitiatingProcessCommandLine,
   ActingProcessId = tostring(InitiatingProcessId),
   SrcIpAddr = RequestSourceIP, DvcHostname = DeviceName, DvcId = DeviceId;
let Sysmon = SYSMON
 | where EventID in (11, 23, 26)
 | project TimeGenerated, Type, EventType = iff(EventID == 11, 'FileCreated', 'FileDeleted'),
   EventOriginalType = tostring(EventID), EventProduct = 'Sysmon', EventVendor = 'Microsoft',
   TargetFilePath = F(TargetFilename),
   TargetFileName = tostring(split(F(TargetFilename), @'\')[-1]),
   TargetFileMD5 = extract(@'MD5=([0-9A-Fa-f]{32})', 1, F(Hashes)),
   TargetFileSHA1 = extract(@'SHA1=([0-9A-Fa-f]{40})', 1, F(Hashes)),
   TargetFileSHA256 = extract(@'SHA256=([0-9A-Fa-f]{64})', 1, F(Hashes)),
   TargetFileSize = long(null), SrcFilePath = '', SrcFileName = '', TargetUrl = '',
   ActorUsername = F(User), ActingProcessName = F(Image),
   ActingProcessCommandLine = '', ActingProcessId = F(ProcessId),
   SrcIpAddr = '', DvcHostname = Computer, DvcId = '';
union Defender, SysmonNew, SysmonLegacy
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(eventtype_in) == 0 or EventType in~ (eventtype_in)
| where array_length(srcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, srcipaddr_has_any_prefix)
| where array_length(actorusername_has_any) == 0 or ActorUsername has_any (actorusername_has_any)
| where array_length(targetfilepath_has_any) == 0 or TargetFilePath has_any (targetfilepath_has_any)
| where array_length(srcfilepath_has_any) == 0 or SrcFilePath has_any (srcfilepath_has_any)
| where array_length(hashes_has_any) == 0 or TargetFileSHA256 has_any (hashes_has_any) or TargetFileSHA1 has_any (hashes_has_any) or TargetFileMD5 has_any (hashes_has_any)
| where array_length(dvchostname_has_any) == 0 or DvcHostname has_any (dvchostname_has_any)
| extend EventResult = 'Success', EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'FileEvent', EventSchemaVersion = '0.2.2', Dvc = DvcHostname,
   FilePath = TargetFilePath, FileName = TargetFileName, Process = ActingProcessName, User = ActorUsername,
   Src = SrcIpAddr, Hash = coalesce(TargetFileSHA256, TargetFileSHA1, TargetFileMD5),
   ActingProcessFileName = tostring(split(ActingProcessName, @'\')[-1])
}`
