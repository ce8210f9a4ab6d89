package asim

// The Authentication schema: sign-ins and sign-outs, from Windows logon
// auditing, Entra ID sign-in logs (interactive and not), Defender for
// Endpoint and sshd in Syslog.
var authentication = Parser{
	Names:  []string{"_Im_Authentication", "imAuthentication", "_ASim_Authentication", "ASimAuthentication"},
	Schema: "Authentication",
	Tables: []string{"SecurityEvent", "SigninLogs", "AADNonInteractiveUserSignInLogs", "DeviceLogonEvents", "Syslog"},
	Source: authenticationSource,
}

// EventResultDetails follow the schema's list of values: Entra ID error
// codes and Windows NTSTATUS sub-statuses map onto it, others are 'Other'.
const authenticationSource = `(starttime:datetime=datetime(null), endtime:datetime=datetime(null),
 username_has_any:dynamic=dynamic([]), targetappname_has_any:dynamic=dynamic([]),
 srcipaddr_has_any_prefix:dynamic=dynamic([]), srchostname_has_any:dynamic=dynamic([]),
 eventtype_in:dynamic=dynamic([]), eventresultdetails_in:dynamic=dynamic([]),
 eventresult:string='*') {
let WindowsLogon = SecurityEvent
 | where EventID in (4624, 4625, 4634, 4647)
 | project TimeGenerated, Type = 'SecurityEvent',
   EventType = iff(EventID in (4624, 4625), 'Logon', 'Logoff'),
   EventResult = iff(EventID == 4625, 'Failure', 'Success'),
   EventOriginalType = tostring(EventID), EventOriginalResultDetails = SubStatus,
   EventResultDetails = case(EventID != 4625, '',
     tolower(SubStatus) == '0xc000006a', 'Incorrect password',
     tolower(SubStatus) == '0xc0000064', 'No such user',
     tolower(SubStatus) == '0xc0000234', 'User locked',
     tolower(SubStatus) == '0xc0000072', 'User disabled',
     tolower(SubStatus) == '0xc0000071', 'Password expired',
     tolower(SubStatus) == '0xc0000193', 'Account expired',
     tolower(SubStatus) in ('0xc000006f', '0xc0000070', '0xc000015b'), 'Logon violates policy',
     'Other'),
   EventProduct = 'Security Events', EventVendor = 'Microsoft',
   TargetUsername = iff(isnotempty(TargetDomainName), strcat(TargetDomainName, @'\', TargetUserName), TargetUserName),
   TargetUserId = TargetUserSid, TargetSessionId = TargetLogonId,
   TargetUserType = iff(TargetUserName endswith '$', 'Machine', 'Regular'),
   ActorUsername = iff(SubjectUserName in ('', '-'), '', strcat(SubjectDomainName, @'\', SubjectUserName)),
   SrcIpAddr = iff(IpAddress == '-', '', IpAddress), SrcHostname = iff(WorkstationName == '-', '', WorkstationName),
   SrcGeoCountry = '', HttpUserAgent = '',
   TargetAppName = '', TargetDvcHostname = Computer, DvcHostname = Computer,
   LogonMethod = AuthenticationPackageName, LogonProtocol = LogonProcessName,
   EventOriginalLogonType = tostring(LogonType);
let Entra = SigninLogs
 | project TimeGenerated, Type = 'SigninLogs', EventType = 'Logon',
   EventResult = iff(ResultType == '0', 'Success', 'Failure'),
   EventOriginalType = 'InteractiveSignIn', EventOriginalResultDetails = ResultType,
   EventResultDetails = case(ResultType == '0', '',
     ResultType == '50126', 'No such user or password',
     ResultType == '50034', 'No such user',
     ResultType == '50053', 'User locked',
     ResultType == '50057', 'User disabled',
     ResultType == '50055', 'Password expired',
     ResultType in ('53003', '53000', '53001', '530002'), 'Logon violates policy',
     ResultType in ('50133', '50173', '70008'), 'Session expired',
     'Other'),
   EventProduct = 'AAD', EventVendor = 'Microsoft',
   TargetUsername = UserPrincipalName, TargetUserId = UserId, TargetSessionId = CorrelationId,
   TargetUserType = case(UserType == 'Guest', 'Guest', UserType == 'Member' or isempty(UserType), 'Regular', 'Other'),
   ActorUsername = '',
   SrcIpAddr = IPAddress, SrcHostname = '',
   SrcGeoCountry = tostring(LocationDetails.countryOrRegion), HttpUserAgent = UserAgent,
   TargetAppName = AppDisplayName, TargetDvcHostname = '', DvcHostname = '',
   LogonMethod = AuthenticationRequirement, LogonProtocol = ClientAppUsed, EventOriginalLogonType = '';
let EntraNonInteractive = AADNonInteractiveUserSignInLogs
 | project TimeGenerated, Type = 'AADNonInteractiveUserSignInLogs', EventType = 'Logon',
   EventResult = iff(ResultType == '0', 'Success', 'Failure'),
   EventOriginalType = 'NonInteractiveSignIn', EventOriginalResultDetails = ResultType,
   EventResultDetails = case(ResultType == '0', '',
     ResultType == '50126', 'No such user or password',
     ResultType == '50034', 'No such user',
     ResultType == '50053', 'User locked',
     ResultType == '50057', 'User disabled',
     ResultType == '50055', 'Password expired',
     ResultType in ('50133', '50173', '70008'), 'Session expired',
     'Other'),
   EventProduct = 'AAD', EventVendor = 'Microsoft',
   TargetUsername = UserPrincipalName, TargetUserId = UserId, TargetSessionId = CorrelationId,
   TargetUserType = case(UserType == 'Guest', 'Guest', UserType == 'Member' or isempty(UserType), 'Regular', 'Other'),
   ActorUsername = '',
   SrcIpAddr = IPAddress, SrcHostname = '',
   SrcGeoCountry = tostring(parse_json(LocationDetails).countryOrRegion), HttpUserAgent = UserAgent,
   TargetAppName = AppDisplayName, TargetDvcHostname = '', DvcHostname = '',
   LogonMethod = AuthenticationRequirement, LogonProtocol = ClientAppUsed, EventOriginalLogonType = '';
let Defender = DeviceLogonEvents
 | where ActionType in ('LogonSuccess', 'LogonFailed')
 | project TimeGenerated, Type = 'DeviceLogonEvents', EventType = 'Logon',
   EventResult = iff(ActionType == 'LogonSuccess', 'Success', 'Failure'),
   EventOriginalType = ActionType, EventOriginalResultDetails = FailureReason,
   EventResultDetails = case(ActionType == 'LogonSuccess', '',
     FailureReason == 'InvalidUserNameOrPassword', 'No such user or password',
     FailureReason == 'WrongPassword', 'Incorrect password',
     FailureReason == 'AccountLocked', 'User locked',
     FailureReason == 'AccountDisabled', 'User disabled',
     FailureReason == 'PasswordExpired', 'Password expired',
     'Other'),
   EventProduct = 'M365 Defender for Endpoint', EventVendor = 'Microsoft',
   TargetUsername = iff(isnotempty(AccountDomain), strcat(AccountDomain, @'\', AccountName), AccountName),
   TargetUserId = AccountSid, TargetSessionId = tostring(LogonId),
   TargetUserType = iff(AccountName endswith '$', 'Machine', 'Regular'),
   ActorUsername = '',
   SrcIpAddr = RemoteIP, SrcHostname = RemoteDeviceName, SrcGeoCountry = '', HttpUserAgent = '',
   TargetAppName = '', TargetDvcHostname = DeviceName, DvcHostname = DeviceName,
   LogonMethod = '', LogonProtocol = Protocol, EventOriginalLogonType = LogonType;
let Ssh = Syslog
 | where ProcessName == 'sshd' and SyslogMessage has_any ('Accepted', 'Failed password', 'Invalid user')
 | extend Parts = extract_all(@'^(Accepted|Failed) \w+ for (?:invalid user )?(\S+) from ([0-9a-fA-F:.]+) port (\d+)', SyslogMessage)
 | extend Invalid = extract(@'^Invalid user (\S*) from ([0-9a-fA-F:.]+)', 1, SyslogMessage)
 | where array_length(Parts) > 0 or isnotempty(Invalid)
 | project TimeGenerated, Type = 'Syslog', EventType = 'Logon',
   EventResult = iff(tostring(Parts[0][0]) == 'Accepted', 'Success', 'Failure'),
   EventOriginalType = 'sshd', EventOriginalResultDetails = '',
   EventResultDetails = case(tostring(Parts[0][0]) == 'Accepted', '',
     isnotempty(Invalid) or SyslogMessage has 'invalid user', 'No such user',
     'Incorrect password'),
   EventProduct = 'OpenSSH', EventVendor = 'OpenBSD',
   TargetUsername = iff(isnotempty(Invalid), Invalid, tostring(Parts[0][1])), TargetUserId = '', TargetSessionId = '',
   TargetUserType = iff(tostring(Parts[0][1]) == 'root' or Invalid == 'root', 'Admin', 'Regular'),
   ActorUsername = '',
   SrcIpAddr = iff(isnotempty(Invalid), extract(@'from ([0-9a-fA-F:.]+)', 1, SyslogMessage), tostring(Parts[0][2])),
   SrcHostname = '', SrcGeoCountry = '', HttpUserAgent = '',
   TargetAppName = 'sshd', TargetDvcHostname = Computer, DvcHostname = Computer,
   LogonMethod = '', LogonProtocol = 'ssh', EventOriginalLogonType = '';
union WindowsLogon, Entra, EntraNonInteractive, Defender, Ssh
| where isnull(starttime) or TimeGenerated >= starttime
| where isnull(endtime) or TimeGenerated <= endtime
| where array_length(username_has_any) == 0 or TargetUsername has_any (username_has_any)
| where array_length(targetappname_has_any) == 0 or TargetAppName has_any (targetappname_has_any)
| where array_length(srcipaddr_has_any_prefix) == 0 or has_any_ipv4_prefix(SrcIpAddr, srcipaddr_has_any_prefix)
| where array_length(srchostname_has_any) == 0 or SrcHostname has_any (srchostname_has_any)
| where array_length(eventtype_in) == 0 or EventType in~ (eventtype_in)
| where array_length(eventresultdetails_in) == 0 or EventResultDetails in~ (eventresultdetails_in)
| where eventresult == '*' or EventResult =~ eventresult
| extend EventCount = int(1), EventStartTime = TimeGenerated, EventEndTime = TimeGenerated,
   EventSchema = 'Authentication', EventSchemaVersion = '0.1.4',
   Dvc = DvcHostname, User = TargetUsername, IpAddr = SrcIpAddr, Src = SrcIpAddr,
   LogonTarget = coalesce(TargetAppName, TargetDvcHostname)
}`
