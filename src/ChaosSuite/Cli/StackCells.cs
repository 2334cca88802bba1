using Resilience.Topology;

namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// Which cells of a stack a command drives: the one <c>--cell</c> names, else every cell of <c>resilience:cells</c>
/// in turn. Each cell is driven through its own adapter, made for the stack narrowed to that cell, so an adapter only
/// ever sees one cell (its first).
/// </summary>
internal static class StackCells
{
    /// <summary>The cells to drive, in the stack file's order.</summary>
    /// <exception cref="UsageException">The stack has no cell of that name (exit 2).</exception>
    public static IReadOnlyList<CellSpec> Chosen(StackSpec spec, string? cell)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (cell is null)
        {
            return spec.Cells;
        }

        return spec.Cells.FirstOrDefault(c => c.Name == cell) is { } chosen
            ? [chosen]
            : throw new UsageException($"stack {spec.StackName} has no cell '{cell}'; its cells are {string.Join(", ", spec.Cells.Select(c => c.Name))} (resilience:cells in Pulumi.{spec.StackName}.yaml)");
    }

    /// <summary>The stack as one cell's adapter sees it.</summary>
    public static StackSpec Narrowed(StackSpec spec, CellSpec cell) => spec.Cells.Count == 1 ? spec : spec with { Cells = [cell] };

    /// <summary>The exit code of several cells' runs: the worst (aborted over missed over passed).</summary>
    public static int Worst(IEnumerable<int> codes) => codes.DefaultIfEmpty(Verdicts.ExitCodes.Success).Max();
}
