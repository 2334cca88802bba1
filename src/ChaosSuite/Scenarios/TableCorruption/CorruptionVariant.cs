namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What the bad statement does to the rows it hits.</summary>
internal enum CorruptionVariant
{
    /// <summary>Writes a wrong value over a column (<c>UPDATE ... SET payload = 'corrupted'</c>).</summary>
    Overwrite,

    /// <summary>Deletes the rows (<c>DELETE ...</c> with a wrong WHERE).</summary>
    Delete,
}
