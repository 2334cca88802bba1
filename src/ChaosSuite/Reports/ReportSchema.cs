namespace Resilience.ChaosSuite.Reports;

/// <summary>
/// Versions of report.json. The published JSON Schema is docs/report.schema.json; a change that a reader of
/// the current version could misread raises <see cref="CurrentVersion"/> and is listed here.
/// </summary>
internal static class ReportSchema
{
    /// <summary>The version this build writes.</summary>
    /// <remarks>
    /// 1: the first format (2026-11), written without a <c>schemaVersion</c> field.
    /// 2: <c>schemaVersion</c> and <c>regressions</c> added.
    /// 3: <c>cell</c> added (null for a stack of one cell), so the history of a stack of several cells keeps each cell apart.
    /// </remarks>
    public const int CurrentVersion = 3;

    /// <summary>The version of a report.json that has no <c>schemaVersion</c> field.</summary>
    public const int Unversioned = 1;

    /// <summary>Where the schema is published, relative to the repository's root.</summary>
    public const string PublishedPath = "docs/report.schema.json";
}
