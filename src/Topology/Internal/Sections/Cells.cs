namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:cells</c> section (infra/spec/sections/cells.ts).</summary>
internal sealed partial class SpecReader
{
    private static IReadOnlyList<CellSpec> ReadCells(ConfigNode? node, DatabaseSpec database)
    {
        if (node is null)
        {
            return [new CellSpec(SpecDefaults.CellName, database.DatabaseName)];
        }

        var items = node.AsList();
        if (items.Count == 0)
        {
            throw node.Error("needs at least one cell");
        }

        var cells = items.Select(item =>
        {
            var o = item.AsObject();
            var cell = new CellSpec(Name(o.Required("name"), 63), Identifier(o.Field("database")) ?? database.DatabaseName);
            o.RejectUnknownFields();
            return cell;
        }).ToList();
        RejectDuplicateNames(node, cells.Select(c => c.Name));
        return cells;
    }
}
