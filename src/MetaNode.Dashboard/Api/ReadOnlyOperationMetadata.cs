namespace MetaNode.Dashboard.Api;

/// <summary>
/// Marks a POST that changes nothing (it only reads its body, like validating a document), so it
/// needs no audit entry; the audit completeness test skips such endpoints and no other.
/// </summary>
internal sealed record ReadOnlyOperationMetadata;
