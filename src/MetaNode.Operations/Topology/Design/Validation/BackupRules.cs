using static MetaNode.Operations.Topology.Design.Validation.TopologyRules;

namespace MetaNode.Operations.Topology.Design.Validation;

/// <summary>Backups: schedule, retention, storage, and whether they meet the recovery-point objective.</summary>
internal static class BackupRules
{
    public const int MaxRetentionDays = 36_500;

    private static readonly string[] Schemes = ["s3", "gs", "azure", "file"];

    public static void Check(TopologyDesign design, IssueCollector issues)
    {
        var backups = design.Policy.Backups;
        var rpo = design.Policy.DisasterRecovery.Rpo;
        var rpoValid = issues.Duration(FieldPath.Policy(DesignKeys.DisasterRecovery, DesignKeys.Rpo), rpo, "the RPO");
        var retentionValid = backups.RetentionDays is >= 1 and <= MaxRetentionDays;
        if (!retentionValid)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Backups, DesignKeys.RetentionDays), BackupRetentionOutOfRange, $"backups are kept {backups.RetentionDays} days; allowed are 1 to {MaxRetentionDays}");
        }

        var uriValid = StorageUri(backups.StorageUri, issues);
        var schedule = Schedules.Read(issues, FieldPath.Policy(DesignKeys.Backups, DesignKeys.Schedule), backups.Schedule, TimeZoneInfo.Utc, "the backup schedule");
        if (!backups.Enabled)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Backups, DesignKeys.Enabled), RpoWithoutBackups,
                $"backups are off: a disaster that reaches every replica (or a bad write they all copy) loses everything, and the RPO of {DurationText.Format(rpo)} cannot be met");
            return;
        }

        if (schedule is not null && rpoValid && retentionValid)
        {
            Gaps(backups, schedule, rpo, issues);
        }

        var elsewhere = design.Policy.MultiRegion.Enabled || !string.IsNullOrWhiteSpace(design.Policy.DisasterRecovery.SecondaryRegion);
        if (uriValid && elsewhere && backups.StorageUri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(FieldPath.Policy(DesignKeys.Backups, DesignKeys.StorageUri), BackupUnreachableFromSecondary,
                $"backups go to {backups.StorageUri}, a local file system: another region cannot restore them; use s3://, gs:// or azure://");
        }
    }

    private static void Gaps(BackupSettings backups, Cronos.CronExpression schedule, TimeSpan rpo, IssueCollector issues)
    {
        var retention = TimeSpan.FromDays(backups.RetentionDays);
        if (CronSchedules.LargestGap(schedule, rpo < retention ? rpo : retention) is not { } gap)
        {
            return;
        }

        if (gap > rpo)
        {
            issues.Add(FieldPath.Policy(DesignKeys.DisasterRecovery, DesignKeys.Rpo), RpoExceededByBackupGap,
                $"backups ({backups.Schedule}) run up to {DurationText.Format(gap)} apart but the RPO is {DurationText.Format(rpo)}: a disaster just before a backup loses {DurationText.Format(gap)} of data; back up at least every {DurationText.Format(rpo)}");
        }

        if (gap > retention)
        {
            issues.Add(FieldPath.Policy(DesignKeys.Backups, DesignKeys.RetentionDays), BackupRetentionShorterThanInterval,
                $"backups are kept {backups.RetentionDays} days but run up to {DurationText.Format(gap)} apart: for {DurationText.Format(gap - retention)} no backup exists");
        }
    }

    private static bool StorageUri(string text, IssueCollector issues)
    {
        var field = FieldPath.Policy(DesignKeys.Backups, DesignKeys.StorageUri);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !text.Contains("://", StringComparison.Ordinal))
        {
            issues.Add(field, StorageUriInvalid, $"'{text}' is not an absolute URI; write s3://bucket/path, gs://bucket/path, azure://container/path or file:///absolute/path");
            return false;
        }

        if (!Schemes.Contains(uri.Scheme))
        {
            issues.Add(field, StorageUriSchemeUnsupported, $"scheme {uri.Scheme} is not supported; use s3, gs, azure or file");
            return false;
        }

        var bucketMissing = uri.Scheme != "file" && string.IsNullOrEmpty(uri.Host);
        var pathMissing = uri.Scheme == "file" && (!uri.IsLoopback || uri.AbsolutePath.Length <= 1);
        if (bucketMissing || pathMissing)
        {
            issues.Add(field, StorageUriInvalid, bucketMissing
                ? $"'{text}' names no bucket or container after {uri.Scheme}://"
                : $"'{text}' names no absolute local path; write file:///var/backups/metanode");
            return false;
        }

        return true;
    }
}
