package schema

// Azure resource logs, Defender for Cloud findings and Log Analytics' own
// tables: the shared AzureDiagnostics table, storage request logs, IIS logs
// from agents, nested recommendations and the workspace query audit.

// azureDiagnosticsColumns are the 200 columns every workspace's
// AzureDiagnostics table starts with, as the Azure Monitor reference lists
// them (the table grows more, named Name_<type suffix>, as resources send
// them). The reference lists clientIP_s and clientIp_s, status_s and
// Status_s: names equal but for case cannot both live in one DuckDB table,
// so the second of each pair is left out; SubscriptionId, listed both as
// guid and string, is a string as in the other tables.
const azureDiagnosticsColumns = `
action_id_s action_name_s action_s ActivityId_g:guid AdditionalFields:dynamic AdHocOrScheduledJob_s
application_name_s audit_schema_version_d:real avg_cpu_percent_s avg_mean_time_s backendHostname_s Caller_s
callerId_s CallerIPAddress calls_s Category client_ip_s clientInfo_s clientIP_s clientIpAddress_s
clientPort_d:real code_s collectionName_s conditions_destinationIP_s conditions_destinationPortRange_s
conditions_None_s conditions_protocols_s conditions_sourceIP_s conditions_sourcePortRange_s CorrelationId
count_executions_d:real cpu_time_d:real database_name_s database_principal_name_s DatabaseName_s db_id_s
direction_s dop_d:real duration_d:real duration_milliseconds_d:real DurationMs:long ElasticPoolName_s
endTime_t:datetime Environment_s error_code_s error_message_s errorLevel_s event_class_s event_s
event_subclass_s event_time_t:datetime EventName_s execution_type_d:real executionInfo_endTime_t:datetime
executionInfo_exitCode_d:real executionInfo_startTime_t:datetime host_s httpMethod_s httpStatus_d:real
httpStatusCode_d:real httpStatusCode_s httpVersion_s id_s identity_claim_appid_g:guid identity_claim_ipaddr_s
instanceId_s interval_end_time_d:real interval_start_time_d:real ip_s is_column_permission_s
isAccessPolicyMatch_b:bool JobDurationInSecs_s JobFailureCode_s JobId_g:guid jobId_s JobOperation_s
JobOperationSubType_s JobStartDateTime_s JobStatus_s JobUniqueId_g:guid Level log_bytes_used_d:real
logical_io_reads_d:real logical_io_writes_d:real LogicalServerName_s macAddress_s matchedConnections_d:real
max_cpu_time_d:real max_dop_d:real max_duration_d:real max_log_bytes_used_d:real max_logical_io_reads_d:real
max_logical_io_writes_d:real max_num_physical_io_reads_d:real max_physical_io_reads_d:real
max_query_max_used_memory_d:real max_rowcount_d:real max_time_s mean_time_s Message min_time_s msg_s
num_physical_io_reads_d:real object_id_d:real object_name_s OperationName OperationVersion partitionKey_s
physical_io_reads_d:real plan_id_d:real policy_s policyMode_s primaryIPv4Address_s priority_d:real
properties_enabledForDeployment_b:bool properties_enabledForDiskEncryption_b:bool
properties_enabledForTemplateDeployment_b:bool properties_s properties_sku_Family_s properties_sku_Name_s
properties_tenantId_g:guid query_hash_s query_id_d:real query_max_used_memory_d:real query_plan_hash_s
query_time_d:real querytext_s receivedBytes_d:real Region_s requestCharge_s requestQuery_s requestResourceId_s
requestResourceType_s requestUri_s reserved_storage_mb_s Resource resource_actionName_s resource_location_s
resource_originRunId_s resource_resourceGroupName_s resource_runId_s resource_subscriptionId_g:guid
resource_triggerName_s resource_workflowId_g:guid resource_workflowName_s ResourceGroup _ResourceId
ResourceProvider ResourceType response_rows_d:real resultCode_s ResultDescription
resultDescription_ChildJobs_s resultDescription_ErrorJobs_s resultMessage_s ResultSignature ResultType
rootCauseAnalysis_s routingRuleName_s rowcount_d:real ruleName_s RunbookName_s RunOn_s schema_name_s
sentBytes_d:real sequence_group_id_g:guid sequence_number_d:real server_principal_sid_s session_id_d:real
sizeKb_d:real SourceSystem sql_text_s sslEnabled_s start_time_t:datetime startTime_s startTime_t:datetime
statement_s statement_sql_handle_s status_s statusCode_s storage_space_used_mb_s StreamType_s subnetId_s
subnetPrefix_s SubscriptionId succeeded_s sum_calls_s systemId_g:guid target_database_principal_name_s
target_server_principal_name_s Tenant_g:guid timeTaken_d:real type_s user_defined_information_s user_id_s
user_s userAgent_s vnetResourceGuid_g:guid workflowId_s
`

var azureSpecs = []string{`
AzureDiagnostics
Resource logs of Azure services in Azure Diagnostics mode (Key Vault, firewalls, SQL, App Gateway, ...), one wide table.
TenantId TimeGenerated:datetime
` + azureDiagnosticsColumns + `Type
`, `
W3CIISLog
IIS web server access logs collected by the Log Analytics agent: client IP, method, URI, status, bytes, user agent.
TenantId TimeGenerated:datetime
AzureDeploymentID cIP Computer Confidence csBytes:long csCookie csHost csMethod csReferer csUriQuery csUriStem
csUserAgent csUserName csVersion Description FirstReportedDateTime IndicatorThreatType IsActive
LastReportedDateTime MaliciousIP ManagementGroupName RemoteIPCountry RemoteIPLatitude:real
RemoteIPLongitude:real Role RoleInstance scBytes:long scStatus scSubStatus scWin32Status Severity:int sIP
SourceSystem sPort:int sSiteName StorageAccount TimeTaken:long TLPLevel
Type _ResourceId _SubscriptionId
`, `
LAQueryLogs
Audit of the queries run against Log Analytics workspaces: caller, query text, time range, duration and rows returned.
TenantId TimeGenerated:datetime
AADClientId AADEmail AADObjectId AADTenantId CorrelationId IsBillableQuery:bool IsWorkspaceInFailover:bool
QueryText QueryTimeRangeEnd:datetime QueryTimeRangeStart:datetime RequestClientApp RequestContext:dynamic
RequestContextFilters:dynamic RequestTarget ResponseCode:int ResponseDurationMs:real ResponseRowCount:int
ScannedGB:real SourceSystem StatsCPUTimeMs:real StatsDataProcessedEnd:datetime
StatsDataProcessedStart:datetime StatsRegionCount:int StatsWorkspaceCount:int WorkspaceRegion
Type _ResourceId _SubscriptionId
`, `
StorageBlobLogs
Azure Storage blob service requests: operation, caller IP, authentication, requester identity, URI, status and sizes.
TenantId TimeGenerated:datetime
AccountName AuthenticationHash AuthenticationType AuthorizationDetails:dynamic CallerIpAddress Category
ClientRequestId ConditionsUsed ContentLengthHeader:long CorrelationId DurationMs:real Etag
LastModifiedTime:datetime Location OperationCount:int OperationName OperationVersion Protocol ReferrerHeader
RequestBodySize:long RequesterAppId RequesterAudience RequesterObjectId RequesterTenantId RequesterTokenIssuer
RequesterUpn RequestHeaderSize:long RequestMd5 ResponseBodySize:long ResponseHeaderSize:long ResponseMd5
SchemaVersion ServerLatencyMs:real ServiceType SourceSystem StatusCode StatusText TlsVersion Uri
UserAgentHeader
Type _ResourceId
`, `
StorageFileLogs
Azure Files requests over REST and SMB: operation, caller IP, authentication, requester identity, SMB command and status.
TenantId TimeGenerated:datetime
AccountName AuthenticationHash AuthenticationType AuthorizationDetails:dynamic CallerIpAddress Category
ClientRequestId ConditionsUsed ContentLengthHeader:long CorrelationId DurationMs:real Etag
LastModifiedTime:datetime Location OperationCount:int OperationName OperationVersion Protocol ReferrerHeader
RequestBodySize:long RequesterAppId RequesterAudience RequesterObjectId RequesterTenantId RequesterTokenIssuer
RequesterUpn RequesterUserName RequestHeaderSize:long RequestMd5 ResponseBodySize:long ResponseHeaderSize:long
ResponseMd5 SchemaVersion ServerLatencyMs:real ServiceType SmbCommandDetail SmbCommandMajor:int
SmbCommandMinor:int SmbCreditsConsumed:int SmbFileId:long SmbMessageID:long SmbPersistentHandleID:long
SmbPrimarySID SmbSessionID:long SmbTreeConnectID:int SmbVolatileHandleID:long SourceSystem StatusCode
StatusText TlsVersion Uri UserAgentHeader
Type _ResourceId _SubscriptionId
`, `
SecurityNestedRecommendation
Defender for Cloud sub-assessments (nested recommendations), such as single vulnerability findings, with their resource.
TenantId TimeGenerated:datetime
AdditionalData:dynamic AssessedResourceId Category Cause Description Id Impact IsSnapshot:bool
NestedRecommendationId ParentRecommendationId RecommendationLink RecommendationName RecommendationSeverity
RecommendationState RecommendationSubscriptionId RemediationDescription RemidiationDescription
ResourceDetails:dynamic ResourceGroup ResourceProviderType SourceSystem SubAssessmentTimeGeneration:datetime
VulnerabilityId
Type _ResourceId _SubscriptionId
`, `
AppServiceAntivirusScanAuditLogs
Azure App Service antivirus scans of site content: status, files scanned and the infected files found.
TenantId TimeGenerated:datetime
ErrorMessage ListOfInfectedFiles NumberOfInfectedFiles:int ScanStatus SourceSystem TotalFilesScanned:int
Type _ResourceId _SubscriptionId
`}
